using System;
using System.Collections.Generic;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NetGen.Tests.Parity;

/// <summary>
/// A theory over fixture file names whose rows are skipped one by one, at discovery, when the fixture needs features
/// NetGen lacks (xunit 2 has no dynamic <c>Assert.Skip</c>). The skip reason names the missing features.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
[XunitTestCaseDiscoverer("NetGen.Tests.Parity.FixtureTheoryDiscoverer", "NetGen.Tests")]
public sealed class FixtureTheoryAttribute : TheoryAttribute
{
}

/// <summary>
/// Discovers <see cref="FixtureTheoryAttribute"/> theories: a row whose first value is a fixture file name with a
/// skip reason becomes an <see cref="XunitSkippedDataRowTestCase"/>; every other row runs normally (a fixture that
/// does not load runs, and fails with the reason).
/// </summary>
public sealed class FixtureTheoryDiscoverer : TheoryDiscoverer
{
    public FixtureTheoryDiscoverer(IMessageSink diagnosticMessageSink) : base(diagnosticMessageSink)
    {
    }

    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        string? reason = dataRow is [string fileName] ? ParityTests.SkipReason(fileName) : null;
        return reason is null
            ? base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow)
            : CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow, reason);
    }
}
