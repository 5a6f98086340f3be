using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen.Tests.Helpers;
using NetGen.Tests.Runtime;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// The architecture signature and graphs: a graph's signature covers its wiring (inputs, what each layer reads), so a
/// file from a graph wired differently is refused even when every tensor matches; a sequential network's signature and
/// files are exactly what they were before graphs existed.
/// </summary>
public sealed class GraphTopologyCheckpointTests
{
    /// <summary>
    /// A checkpoint written by the code before graphs existed (CheckpointNet, seed 5, one epoch of Fit on
    /// <c>CheckpointTestData.Classification(24, 3)</c> at batch 8): Tests/Checkpoints/Fixtures.
    /// </summary>
    private static string PreGraphCheckpoint => Path.Combine(RepositoryRoot.Path, "Tests", "Checkpoints", "Fixtures", "checkpoint_net_before_graphs.safetensors");

    /// <summary>CheckpointNet's signature as the code before graphs computed it (the fixture's metadata holds the same).</summary>
    private const string CheckpointNetSignature = "b2319e38ee6ef952";

    [Fact]
    public void SequentialSignature_IsTheWeightTableHash_AsBeforeGraphs()
    {
        ModelDescription description = new CheckpointNet(seed: 1).Description;
        byte[] text = "dense/kernel(4, 5)\ndense/bias(5,)\ndense_1/kernel(5, 3)\ndense_1/bias(3,)\n"u8.ToArray();

        Assert.Equal(ArchitectureSignature.Fnv1a64(text).ToString("x16"), ArchitectureSignature.Compute(description));
        Assert.Equal(CheckpointNetSignature, ArchitectureSignature.Compute(description));
        Assert.Equal(CheckpointNetSignature, ArchitectureSignature.Compute(description.Weights));
        Assert.Equal(CheckpointNetSignature, SafeTensorsReader.ReadFile(PreGraphCheckpoint).Metadata["architecture"]);
    }

    [Fact]
    public void SequentialFiles_KeepTheirMetadataKeys()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("now.safetensors");
        new CheckpointNet(seed: 5).SaveCheckpoint(path);

        IReadOnlyDictionary<string, string> now = SafeTensorsReader.ReadFile(path).Metadata;
        IReadOnlyDictionary<string, string> before = SafeTensorsReader.ReadFile(PreGraphCheckpoint).Metadata;

        // The same keys as before graphs existed, plus the layer table that LoadWeights compares (issue 15).
        Assert.Equal(before.Keys.Append("layers").OrderBy(k => k, StringComparer.Ordinal), now.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal(before["architecture"], now["architecture"]);
        Assert.False(now.ContainsKey("topology"));
    }

    [Fact]
    public void CheckpointFromBeforeGraphs_StillLoads()
    {
        SafeTensorsFile file = SafeTensorsReader.ReadFile(PreGraphCheckpoint);
        var model = new CheckpointNet(seed: 1);
        var weightsOnly = new CheckpointNet(seed: 2);

        model.LoadCheckpoint(PreGraphCheckpoint);
        weightsOnly.LoadWeights(PreGraphCheckpoint);

        foreach (WeightInfo weight in model.Description.Weights)
        {
            Assert.Equal(CheckpointTestData.Bits(file.Find(weight.Name)!.Values), CheckpointTestData.Bits(model.GetWeights(weight.Name)));
            Assert.Equal(CheckpointTestData.Bits(file.Find(weight.Name)!.Values), CheckpointTestData.Bits(weightsOnly.GetWeights(weight.Name)));
        }
        Assert.Equal(3, model.Iterations);
        Assert.Equal(1, model.Epoch);
    }

    [Fact]
    public void GraphSignature_CoversTheWiring()
    {
        ModelDescription wideFirst = TwoInputNet.Describe(), deepFirst = TwoInputNet.Describe(concatenated: ["deep", "wide"]);

        Assert.NotEqual(ArchitectureSignature.Compute(wideFirst), ArchitectureSignature.Compute(deepFirst));
        Assert.NotEqual(ArchitectureSignature.Compute(wideFirst.Weights), ArchitectureSignature.Compute(wideFirst));
        Assert.Equal(ArchitectureSignature.Compute(wideFirst), ArchitectureSignature.Compute(TwoInputNet.Describe(name: "Other")));
        Assert.Equal(
            "input wide (3,)\ninput deep (2,)\nlayer concatenate Concatenate <- wide, deep\nlayer dense Dense <- concatenate\n",
            ArchitectureSignature.Topology(wideFirst));
    }

    [Fact]
    public void GraphFiles_RecordTheTopologyAndReloadIntoTheSameWiring()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("graph.safetensors");
        var trained = new TwoInputNet(seed: 1);
        trained.TrainStep([new float[] { 1, 2, 3 }, new float[] { 4, 5 }], [1f], 1);
        trained.SaveCheckpoint(path);
        var fresh = new TwoInputNet(seed: 2);

        fresh.LoadCheckpoint(path);

        Assert.Equal(CheckpointTestData.Bits(trained.Parameters), CheckpointTestData.Bits(fresh.Parameters));
        IReadOnlyDictionary<string, string> metadata = SafeTensorsReader.ReadFile(path).Metadata;
        Assert.Equal(ArchitectureSignature.Topology(trained.Description), metadata["topology"]);
        Assert.Equal(ArchitectureSignature.Compute(trained.Description), metadata["architecture"]);
    }

    [Fact]
    public void LoadWeights_GraphWiredDifferently_IsRefusedNamingTheLayer()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("weights.safetensors");
        new DescribedNet(TwoInputNet.Describe(name: "WideFirst"), seed: 1).SaveWeights(path);
        var swapped = new DescribedNet(TwoInputNet.Describe(name: "Swapped", concatenated: ["deep", "wide"]), seed: 2);
        int[] before = CheckpointTestData.Bits(swapped.Parameters);

        var error = Assert.Throws<InvalidDataException>(() => swapped.LoadWeights(path));

        Assert.Contains("wired differently from Swapped (it was saved from WideFirst); nothing was loaded", error.Message);
        Assert.Contains("in the file only: layer concatenate Concatenate <- wide, deep", error.Message);
        Assert.Contains("in Swapped only: layer concatenate Concatenate <- deep, wide", error.Message);
        Assert.Equal(before, CheckpointTestData.Bits(swapped.Parameters));
    }

    [Fact]
    public void LoadCheckpoint_GraphWiredDifferently_IsRefusedAndChangesNothing()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("checkpoint.safetensors");
        var saved = new TwoInputNet(seed: 1);
        saved.TrainStep([new float[] { 1, 2, 3 }, new float[] { 4, 5 }], [1f], 1);
        saved.SaveCheckpoint(path);
        var swapped = new DescribedNet(TwoInputNet.Describe(name: "Swapped", concatenated: ["deep", "wide"]), seed: 2);
        int[] before = CheckpointTestData.Bits(swapped.Parameters);

        var error = Assert.Throws<InvalidDataException>(() => swapped.LoadCheckpoint(path));

        Assert.Contains("in Swapped only: layer concatenate Concatenate <- deep, wide", error.Message);
        Assert.Equal(before, CheckpointTestData.Bits(swapped.Parameters));
        Assert.Equal(0, swapped.Iterations);
    }

    [Fact]
    public void RenamedInput_IsRefusedNamingBothInputs()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("weights.safetensors");
        new TwoInputNet(seed: 1).SaveWeights(path);
        ModelDescription renamed = DescribedNet.Graph("Renamed",
            [new InputInfo("broad", [3]), new InputInfo("deep", [2])],
            [
                new LayerInfo("concatenate", "Concatenate", "(None, 5)", 0, ["broad", "deep"]),
                new LayerInfo("dense", "Dense", "(None, 1)", 6, ["concatenate"]),
            ],
            [("dense/kernel", [5, 1]), ("dense/bias", [1])]);

        var error = Assert.Throws<InvalidDataException>(() => new DescribedNet(renamed).LoadWeights(path));

        Assert.Contains("in the file only: input wide (3,)", error.Message);
        Assert.Contains("in Renamed only: input broad (3,)", error.Message);
    }

    [Fact]
    public void InputsDeclaredInAnotherOrder_AreRefused()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("weights.safetensors");
        ModelDescription Declared(string name, params string[] order) => DescribedNet.Graph(name,
            order.Select(input => new InputInfo(input, [2])).ToArray(),
            [
                new LayerInfo("add", "Add", "(None, 2)", 0, ["a", "b"]),
                new LayerInfo("dense", "Dense", "(None, 1)", 3, ["add"]),
            ],
            [("dense/kernel", [2, 1]), ("dense/bias", [1])]);
        new DescribedNet(Declared("AB", "a", "b")).SaveWeights(path);

        var error = Assert.Throws<InvalidDataException>(() => new DescribedNet(Declared("BA", "b", "a")).LoadWeights(path));

        Assert.Contains("the same inputs and layers come in another order", error.Message);
        Assert.Contains("the file: input a (2,); input b (2,);", error.Message);
        Assert.Contains("BA: input b (2,); input a (2,);", error.Message);
    }

    [Fact]
    public void SequentialFileIntoAGraph_AndBack_AreRefused()
    {
        using var folder = new TemporaryFolder();
        string sequentialPath = folder.File("sequential.safetensors"), graphPath = folder.File("graph.safetensors");
        ModelDescription Chain(string name, bool isGraph) => DescribedNet.Graph(name,
            [new InputInfo("input", [4])],
            [new LayerInfo("dense", "Dense", "(None, 1)", 5, isGraph ? ["input"] : null)],
            [("dense/kernel", [4, 1]), ("dense/bias", [1])], isGraph);
        new DescribedNet(Chain("Sequential", isGraph: false)).SaveWeights(sequentialPath);
        new DescribedNet(Chain("Graph", isGraph: true)).SaveWeights(graphPath);

        var intoGraph = Assert.Throws<InvalidDataException>(() => new DescribedNet(Chain("Graph", isGraph: true)).LoadWeights(sequentialPath));
        var intoSequential = Assert.Throws<InvalidDataException>(() => new DescribedNet(Chain("Sequential", isGraph: false)).LoadWeights(graphPath));

        Assert.Contains("the file comes from a sequential network, and Graph is a graph:\n  input input (4,)\n  layer dense Dense <- input", intoGraph.Message);
        Assert.Contains("the file comes from a graph, and Sequential is a sequential network", intoSequential.Message);
        // Between two sequential networks of different classes the class name decides (issue 15), unless loaded by name.
        Assert.Throws<InvalidDataException>(() => new DescribedNet(Chain("Sequential2", isGraph: false)).LoadWeights(sequentialPath));
        new DescribedNet(Chain("Sequential2", isGraph: false)).LoadWeights(sequentialPath, byName: true);
    }

    [Fact]
    public void FileWithoutNetGenMetadata_LoadsIntoAGraphByItsTensors()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("python.safetensors");
        SafeTensorsWriter.WriteFile(path, new SafeTensorsFile(
            [new SafeTensor("dense/kernel", [5, 1], [1, 2, 3, 4, 5]), new SafeTensor("dense/bias", [1], [6])]));
        var model = new TwoInputNet(seed: 1);

        model.LoadWeights(path);

        Assert.Equal([1f, 2, 3, 4, 5, 6], model.Parameters.ToArray());
    }
}
