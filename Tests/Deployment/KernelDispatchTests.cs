using System;
using System.Runtime.Intrinsics.X86;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Deployment;

/// <summary>
/// The NativeAOT dispatcher decodes CPUID itself; under the JIT the runtime's own detection says which path this
/// process runs, so the two must agree (capped by the same DOTNET_Enable* switches CI uses for the other paths).
/// </summary>
public sealed class KernelDispatchTests
{
    [Fact]
    public void CpuidLevelCappedBySwitchesIsThePathTheJitChose()
    {
        if (!X86Base.IsSupported)
        {
            Assert.Equal(0, KernelDispatch.CpuLevel());
            return;
        }
        if (Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
        {
            Assert.Equal(0, KernelDispatch.CompiledLevel()); // the scalar path: no image of its own, the dispatcher keeps v2
            return;
        }
        Assert.Equal(Math.Min(KernelDispatch.CpuLevel(), KernelDispatch.SwitchLimit()), KernelDispatch.CompiledLevel());
    }

    [Fact]
    public void UnderTheJitNothingIsRelaunched()
    {
        KernelDispatch.RunWidestVariant(["--not-an-option"]); // returns: the JIT compiles for this CPU already
        Assert.Throws<ArgumentNullException>(() => KernelDispatch.RunWidestVariant(null!));
    }
}
