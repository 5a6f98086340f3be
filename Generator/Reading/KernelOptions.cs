using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Reading;

/// <summary>
/// The options every layer with a kernel and an optional bias shares (Dense, Conv1D, Conv2D; the runtime's
/// <c>KernelLayerAttribute</c>): use_bias, the two initializers with their arguments, the kernel and bias regularizers.
/// </summary>
internal sealed record KernelOptions(
    bool UseBias, InitializerKind KernelInitializer, InitializerKind BiasInitializer,
    InitializerArgumentsSpec? KernelInitializerArguments, InitializerArgumentsSpec? BiasInitializerArguments,
    RegularizerSpec? KernelRegularizer, RegularizerSpec? BiasRegularizer)
{
    /// <summary>Reads the options, reporting what is wrong; null when something is.</summary>
    public static KernelOptions? Read(LayerAttributeData attribute)
    {
        bool useBias = attribute.Named("UseBias", true);
        InitializerKind? kernelInit = attribute.EnumNamed("KernelInitializer", InitializerKind.GlorotUniform);
        InitializerKind? biasInit = attribute.EnumNamed("BiasInitializer", InitializerKind.Zeros);
        bool valid = kernelInit is not null && biasInit is not null;
        RegularizerSpec? kernelRegularizer = WeightOptions.Regularizer(attribute, "Kernel", ref valid);
        RegularizerSpec? biasRegularizer = WeightOptions.Regularizer(attribute, "Bias", ref valid);
        InitializerArgumentsSpec? kernelArguments = kernelInit is null ? null : WeightOptions.InitializerArguments(attribute, "Kernel", kernelInit.Value, ref valid);
        InitializerArgumentsSpec? biasArguments = biasInit is null || !useBias ? null : WeightOptions.InitializerArguments(attribute, "Bias", biasInit.Value, ref valid);
        // Keras silently ignores bias_initializer / bias_regularizer with use_bias=False; here they are a mistake.
        if (!useBias)
            valid &= WeightOptions.CheckAbsentWeightOptions(attribute, "Bias", "bias", "UseBias = false", "UseBias = true");
        if (!valid) return null;
        return new KernelOptions(useBias, kernelInit!.Value, biasInit!.Value, kernelArguments, biasArguments, kernelRegularizer, useBias ? biasRegularizer : null);
    }
}
