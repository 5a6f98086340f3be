namespace NetGen;

/// <summary>
/// One output of a network (Keras's <c>Model(outputs=[…])</c>): its layer's name, its values per sample, its loss and
/// the loss's weight in the total.
/// </summary>
/// <param name="Name">The output layer's name, e.g. <c>main_output</c>; the logs name its loss <c>{Name}_loss</c>.</param>
/// <param name="Size">The output's values per sample.</param>
/// <param name="Loss">The output's loss.</param>
/// <param name="FromLogits">Whether the loss takes logits.</param>
/// <param name="Weight">The loss weight (Keras's <c>loss_weights</c>): the total loss is Σ Weight · loss.</param>
/// <remarks>
/// An output row of the network is every output's values concatenated in <see cref="ModelDescription.Outputs"/> order,
/// and a label row every output's labels (<see cref="LabelWidth"/> values each), in the same order.
/// </remarks>
public sealed record OutputInfo(string Name, int Size, Loss Loss, bool FromLogits = false, double Weight = 1.0)
{
    /// <summary>Whether the output's labels are class indices (one value per sample).</summary>
    public bool UsesClassIndexLabels => Loss == Loss.SparseCategoricalCrossentropy;

    /// <summary>The label values per sample: 1 for class indices, else <see cref="Size"/>.</summary>
    public int LabelWidth => UsesClassIndexLabels ? 1 : Size;
}
