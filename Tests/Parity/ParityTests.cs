using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Xunit.Abstractions;

namespace NetGen.Tests.Parity;

/// <summary>
/// Keras parity: every fixture of <c>Tests/Reference</c> (or <c>$NETGEN_REFERENCE_DIR</c>) becomes a NetGen network
/// whose outputs, loss, accuracy, gradients and three training steps must match tf.keras within the fixture's
/// tolerance. Fixtures that need features NetGen lacks are reported as skipped, with the features named.
/// </summary>
public sealed class ParityTests
{
    /// <summary>Fixtures in this issue's scope: they must run (not be skipped) and pass.</summary>
    private static readonly string[] s_inScope =
    [
        "dense_relu_softmax_sparse_cce_sgd", "dense_softmax_cce_onehot", "dense_linear_mse", "dense_sigmoid_bce",
        "dense_bce_from_logits", "dense_sparse_cce_from_logits", "activation_linear", "activation_relu",
        "activation_sigmoid", "activation_tanh", "activation_softmax", "opt_sgd", "opt_sgd_momentum",
        "opt_sgd_nesterov", "opt_adam", "dropout",
        "activation_elu", "activation_gelu", "activation_leaky_relu", "activation_selu", "activation_softplus",
        "activation_swish", "leaky_relu_layer", "reg_l1_activity", "reg_l1_kernel", "reg_l1_l2_kernel", "reg_l2_bias",
        "reg_l2_kernel",
        "bn_dense_relu",
        "opt_adadelta", "opt_adagrad", "opt_adam_amsgrad", "opt_adamw", "opt_nadam", "opt_rmsprop", "opt_rmsprop_momentum_centered",
        "opt_sgd_clipnorm", "opt_sgd_clipvalue",
        "dense_mae", "dense_huber",
        "wide_deep", "residual_add",
        "conv2d_valid", "conv2d_same_stride2", "bn_conv2d", "conv2d_maxpool_dense", "average_pooling2d", "global_average_pooling2d",
        "conv1d_maxpool_gap_sigmoid",
        "embedding_lstm_sigmoid", "lstm_stacked", "gru", "simple_rnn",
    ];

    /// <summary>
    /// Fixtures that fail because of a known bug in the generator or the runtime, with the diagnosis. They are
    /// skipped with that reason, and <see cref="KnownFailuresStillFail"/> checks that they still fail, so that a fix
    /// shows up as a failure asking to remove the entry.
    /// </summary>
    private static readonly Dictionary<string, string> s_knownFailures = new(StringComparer.Ordinal)
    {
    };

    private readonly ITestOutputHelper _output;

    public ParityTests(ITestOutputHelper output) => _output = output;

    /// <summary>The fixture file names, one row each.</summary>
    public static TheoryData<string> FixtureFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string file in ReferenceFixtures.FileNames()) data.Add(file);
            return data;
        }
    }

    /// <summary>Why the theory row of <paramref name="fileName"/> is skipped, or null; used by <see cref="FixtureTheoryDiscoverer"/>.</summary>
    internal static string? SkipReason(string fileName)
    {
        string? missing = ReferenceFixtures.SkipReason(fileName);
        if (missing is not null) return missing;
        return s_knownFailures.TryGetValue(Path.GetFileNameWithoutExtension(fileName), out string? diagnosis)
            ? "KNOWN FAILURE (NetGen bug, see ParityTests.s_knownFailures): " + diagnosis
            : null;
    }

    [FixtureTheory]
    [MemberData(nameof(FixtureFiles))]
    public void Fixture(string file)
    {
        ReferenceFixture fixture = ReferenceFixtures.Load(file);
        if (fixture.SkipReason is not null)
            Assert.Fail($"{file} needs {fixture.SkipReason}; the row should have been skipped at discovery (are theories pre-enumerated?).");
        ParityChecker check = ParityRunner.Run(fixture);
        _output.WriteLine(Header(fixture, check));
        _output.WriteLine(check.Report());
        _output.WriteLine("NetGen source:\n" + fixture.Source);
        if (check.FailureCount > 0)
            Assert.Fail(Header(fixture, check) + "\n" + check.FailureReport() + "\nThe network as declared for NetGen:\n" + fixture.NetworkDeclaration);
    }

    [Fact]
    public void FixtureFolderIsComplete()
    {
        string directory = ReferenceFixtures.Directory;
        Assert.True(Directory.Exists(directory), $"The fixture folder '{directory}' does not exist (override it with {ReferenceFixtures.EnvironmentVariable}).");
        IReadOnlyList<string> files = ReferenceFixtures.FileNames();
        Assert.True(files.Count > 0, $"The fixture folder '{directory}' has no *.json fixture.");

        var problems = new List<string>();
        var summary = new StringBuilder();
        var loaded = new Dictionary<string, ReferenceFixture>(StringComparer.Ordinal);
        foreach (string file in files)
        {
            try
            {
                ReferenceFixture fixture = ReferenceFixtures.Load(file);
                loaded[fixture.Name] = fixture;
                string? reason = SkipReason(file);
                summary.AppendLine($"{fixture.Name,-36} {(reason is null ? "runs" : "SKIPPED: " + reason)}");
            }
            catch (FixtureFormatException exception)
            {
                problems.Add($"{file} does not parse: {exception.Message}");
            }
        }
        foreach (string name in s_inScope)
        {
            if (!loaded.TryGetValue(name, out ReferenceFixture? fixture))
            {
                if (ReferenceFixtures.IsDefaultDirectory && !File.Exists(Path.Combine(directory, name + ".json")))
                    problems.Add($"{name}.json is in scope but missing from {directory}");
                continue;
            }
            if (fixture.SkipReason is not null) problems.Add($"{name} is in scope but would be skipped: {fixture.SkipReason}");
        }
        foreach (string name in s_knownFailures.Keys)
        {
            if (!loaded.ContainsKey(name) && ReferenceFixtures.IsDefaultDirectory) problems.Add($"the known failure {name} has no fixture");
        }
        _output.WriteLine($"{files.Count} fixtures in {directory}:");
        _output.WriteLine(summary.ToString());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>A known failure that passes has been fixed: remove it from <see cref="s_knownFailures"/>.</summary>
    [Fact]
    public void KnownFailuresStillFail()
    {
        var fixedOnes = new List<string>();
        foreach (string name in s_knownFailures.Keys)
        {
            string file = name + ".json";
            if (!File.Exists(Path.Combine(ReferenceFixtures.Directory, file))) continue;
            ReferenceFixture fixture = ReferenceFixtures.Load(file);
            if (fixture.SkipReason is not null) continue;
            ParityChecker check = ParityRunner.Run(fixture);
            _output.WriteLine(Header(fixture, check));
            _output.WriteLine(check.Report());
            if (check.FailureCount == 0) fixedOnes.Add(name);
        }
        Assert.True(fixedOnes.Count == 0, $"These known failures now pass; remove them from ParityTests.s_knownFailures: {string.Join(", ", fixedOnes)}");
    }

    private static string Header(ReferenceFixture fixture, ParityChecker check)
    {
        string tolerance = string.Create(CultureInfo.InvariantCulture, $"rtol {fixture.Rtol}, atol {fixture.Atol}");
        if (fixture.ToleranceReason is not null) tolerance += $" ({fixture.ToleranceReason})";
        string verdict = check.FailureCount == 0 ? $"all {check.Count} checks pass" : $"{check.FailureCount} of {check.Count} checks FAIL";
        return $"{fixture.FileName}: {verdict} ({tolerance}).\n{fixture.Description}\nKeras model as NetGen: {fixture.IntendedNetGen}";
    }
}
