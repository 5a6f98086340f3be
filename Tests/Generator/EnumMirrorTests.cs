using System;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Tests.Generator;

/// <summary>The generator reads enum attribute arguments as integers: its mirrors must match the runtime enums exactly.</summary>
public sealed class EnumMirrorTests
{
    [Theory]
    [InlineData(typeof(Activation), typeof(ActivationKind))]
    [InlineData(typeof(Loss), typeof(LossKind))]
    [InlineData(typeof(Optimizer), typeof(OptimizerKind))]
    [InlineData(typeof(Metric), typeof(MetricKind))]
    [InlineData(typeof(Initializer), typeof(InitializerKind))]
    [InlineData(typeof(Padding), typeof(PaddingKind))]
    public void MirrorHasTheSameNamesAndValues(Type runtime, Type mirror)
    {
        static string[] Entries(Type type) => Enum.GetNames(type).Select(name => $"{name}={Convert.ToInt32(Enum.Parse(type, name))}").OrderBy(s => s).ToArray();
        Assert.Equal(Entries(runtime), Entries(mirror));
    }
}
