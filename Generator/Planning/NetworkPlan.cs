using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// Everything decided between the spec and the emitted text: per layer its <see cref="LayerPlan"/>, and the gradient
/// buffers of the backward pass. Immutable; the emitters only format it.
/// </summary>
/// <param name="Spec">The network.</param>
/// <param name="Layers">One plan per layer, in declaration order.</param>
/// <param name="GradientBuffers">The gradient fields between layers, in node order (the loss's <c>_dOutput</c> is not one of them).</param>
/// <param name="ScratchPerSample">The scratch buffer's floats per sample for accumulated contributions (0: none).</param>
internal sealed record NetworkPlan(NetworkSpec Spec, EquatableArray<LayerPlan> Layers, EquatableArray<GradientBuffer> GradientBuffers, int ScratchPerSample)
{
    /// <summary>The field of the scratch buffer where a later contribution to a shared gradient is computed before it is added.</summary>
    public const string ScratchField = "_dScratch";

    /// <summary>Per output (in <see cref="NetworkSpec.Outputs"/> order), the field of its loss gradient.</summary>
    public EquatableArray<string> OutputGradientFields { get; init; }
}

/// <summary>
/// A gradient field of the backward pass: its floats per sample, the comment it is declared with, and the layer whose
/// buffers it is declared after (the only reader's, or the producer's when several layers add to it).
/// </summary>
internal sealed record GradientBuffer(string Name, int PerSample, string Comment, int DeclaredAfter);
