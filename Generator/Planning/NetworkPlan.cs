using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// Everything decided between the spec and the emitted text: per layer its <see cref="LayerPlan"/>, and the gradient
/// buffers of the backward pass. Immutable; the emitters only format it.
/// </summary>
/// <param name="Spec">The network.</param>
/// <param name="Layers">One plan per layer, in declaration order.</param>
/// <param name="GradientBuffers">The gradient fields (name, floats per sample, comment), the loss's <c>_dOutput</c> first.</param>
/// <param name="ScratchPerSample">The scratch buffer's floats per sample for accumulated contributions (0: none).</param>
internal sealed record NetworkPlan(NetworkSpec Spec, EquatableArray<LayerPlan> Layers, EquatableArray<(string Name, int PerSample, string Comment)> GradientBuffers, int ScratchPerSample)
{
    /// <summary>The field of the scratch buffer where a later contribution to a shared gradient is computed before it is added.</summary>
    public const string ScratchField = "_dScratch";
}
