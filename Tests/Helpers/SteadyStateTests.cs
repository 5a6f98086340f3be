using System.Collections.Generic;
using Xunit.Sdk;

namespace NetGen.Tests.Helpers;

/// <summary>The allocation check the training-step tests rely on can fail, and lets through what happens once.</summary>
public sealed class SteadyStateTests
{
    [Fact]
    public void ARunThatAllocatesEveryTime_Fails()
    {
        var kept = new List<object>();
        var failure = Assert.Throws<TrueException>(() => SteadyState.AssertSomeRunAllocatesNothing(() => kept.Add(new object()), "one object a run", attempts: 3));
        Assert.Contains("every one of 3 runs allocated", failure.Message);
    }

    [Fact]
    public void AnAllocationInTheFirstRunsOnly_Passes()
    {
        int calls = 0;
        object? last = null;
        // The first (unmeasured) run and the first measured one allocate, as buffers sized late or JIT tiering would.
        int measured = SteadyState.AssertSomeRunAllocatesNothing(() => { if (++calls <= 2) last = new byte[64]; }, "two early allocations", attempts: 3);
        Assert.Equal(2, measured);
        Assert.NotNull(last);
    }
}
