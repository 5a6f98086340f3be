using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Xunit.Abstractions;

namespace NetGen.Tests.Checkpoints;

/// <summary>
/// Saved weights read from Python with nothing but <c>json</c>, <c>struct</c> and <c>numpy</c> (no safetensors package),
/// when /usr/bin/python3 with numpy is installed; otherwise the C# side is still checked and the output says that the
/// Python half did not run.
/// </summary>
public sealed class PythonInteropTests
{
    private const string Python = "/usr/bin/python3";

    /// <summary>
    /// Reads the file named by argv[1]: prints the metadata as JSON, then per tensor (in data order) a line
    /// "name (d0, d1)" and a line "VALUES " + the values as a JSON list (float32 → float64 is exact).
    /// </summary>
    private const string Reader = """
        import json, struct, sys, zlib
        import numpy as np
        data = open(sys.argv[1], "rb").read()
        (n,) = struct.unpack("<Q", data[:8])
        assert (8 + n) % 8 == 0, "data section not 8-byte aligned"
        header = json.loads(data[8:8 + n])
        metadata = header.pop("__metadata__", {})
        print("METADATA " + json.dumps(metadata, sort_keys=True))
        start = 8 + n
        checksum = 0
        for name, info in sorted(header.items(), key=lambda item: item[1]["data_offsets"][0]):
            assert info["dtype"] == "F32"
            begin, end = info["data_offsets"]
            array = np.frombuffer(data[start + begin:start + end], dtype="<f4").reshape(info["shape"])
            print(name, tuple(array.shape))
            print("VALUES " + json.dumps([float(v) for v in array.ravel()]))
            checksum = zlib.crc32(name.encode() + b"\0" + ",".join(str(d) for d in info["shape"]).encode() + b"\0" + data[start + begin:start + end], checksum)
        for key in sorted(k for k in metadata if k != "netgen_checksum"):
            checksum = zlib.crc32(key.encode() + b"\0" + metadata[key].encode() + b"\0", checksum)
        recorded = metadata.get("netgen_checksum")
        print("CHECKSUM " + ("matches" if recorded == "crc32:%08x" % checksum else "differs: " + str(recorded)))
        """;

    private readonly ITestOutputHelper _output;

    public PythonInteropTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void NumpyReadsTheSavedWeights()
    {
        using var folder = new TemporaryFolder();
        string path = folder.File("weights.safetensors");
        var model = new CheckpointNet(seed: 11);
        model.Fit(CheckpointTestData.Classification(20, seed: 2), epochs: 1, batchSize: 4, verbose: 0);
        model.SaveWeights(path);

        // The C# half, always: the file re-read by the C# reader matches the model.
        SafeTensorsFile file = SafeTensorsReader.ReadFile(path);
        Assert.Equal(model.Description.Weights.Count, file.Tensors.Count);
        foreach (WeightInfo weight in model.Description.Weights)
            Assert.Equal(CheckpointTestData.Bits(model.GetWeights(weight.Name)), CheckpointTestData.Bits(file.Find(weight.Name)!.Values));

        string? why = PythonUnavailable();
        if (why is not null)
        {
            _output.WriteLine($"The Python half did not run ({why}); only the C# re-read was checked.");
            return;
        }

        string[] lines = RunPython(path);
        var expectedShapes = new List<string>();
        foreach (WeightInfo weight in model.Description.Weights) expectedShapes.Add(weight.Name + " " + DataSet.FormatShape(weight.Shape));
        var shapes = new List<string>();
        var values = new List<float[]>();
        foreach (string line in lines)
        {
            if (line.StartsWith("VALUES ", StringComparison.Ordinal)) values.Add(ParseValues(line["VALUES ".Length..]));
            else if (!line.StartsWith("METADATA ", StringComparison.Ordinal) && !line.StartsWith("CHECKSUM ", StringComparison.Ordinal)) shapes.Add(line);
        }
        Assert.Equal(["dense/kernel (4, 5)", "dense/bias (5,)", "dense_1/kernel (5, 3)", "dense_1/bias (3,)"], shapes);
        Assert.Equal(expectedShapes, shapes);
        for (int i = 0; i < values.Count; i++)
            Assert.Equal(CheckpointTestData.Bits(model.GetWeights(model.Description.Weights[i].Name)), CheckpointTestData.Bits(values[i]));
        using JsonDocument metadata = JsonDocument.Parse(lines[0]["METADATA ".Length..]);
        Assert.Equal("netgen-weights", metadata.RootElement.GetProperty("format").GetString());
        Assert.Equal("CheckpointNet", metadata.RootElement.GetProperty("model").GetString());
        // Python's zlib computes NetGen's checksum as docs/reliability.md describes it, and gets the recorded value.
        Assert.Equal("CHECKSUM matches", lines[^1]);
        _output.WriteLine("Python (json + numpy) read: " + string.Join("; ", shapes));
    }

    [Fact]
    public void NumpyReadsTheFashionMlpWeightsAndCheckpoint()
    {
        using var folder = new TemporaryFolder();
        var model = new CheckpointFashionMlp(seed: 42);
        string weights = folder.File("fashion_mlp.weights.safetensors");
        string checkpoint = folder.File("fashion_mlp.checkpoint.safetensors");
        model.SaveWeights(weights);
        model.SaveCheckpoint(checkpoint);

        Assert.Equal(4, SafeTensorsReader.ReadFile(weights).Tensors.Count);
        Assert.Equal(12, SafeTensorsReader.ReadFile(checkpoint).Tensors.Count);
        Assert.Equal(8 + 101_770 * 4 + HeaderLength(weights), new FileInfo(weights).Length);

        string? why = PythonUnavailable();
        if (why is not null)
        {
            _output.WriteLine($"The Python half did not run ({why}); only the C# re-read was checked.");
            return;
        }

        Assert.Equal(
            ["dense/kernel (784, 128)", "dense/bias (128,)", "dense_1/kernel (128, 10)", "dense_1/bias (10,)"],
            ShapeLines(RunPython(weights)));
        string[] checkpointLines = RunPython(checkpoint);
        Assert.Equal("CHECKSUM matches", checkpointLines[^1]);
        string[] checkpointShapes = ShapeLines(checkpointLines);
        Assert.Equal(12, checkpointShapes.Length);
        Assert.Contains("optimizer/dense/kernel/velocity (784, 128)", checkpointShapes);
        Assert.Contains("optimizer/dense_1/bias/momentum (10,)", checkpointShapes);
    }

    private static long HeaderLength(string path)
    {
        using FileStream stream = File.OpenRead(path);
        var bytes = new byte[8];
        stream.ReadExactly(bytes);
        return BitConverter.ToInt64(bytes);
    }

    private static string[] ShapeLines(string[] lines)
    {
        var shapes = new List<string>();
        foreach (string line in lines)
        {
            if (!line.StartsWith("VALUES ", StringComparison.Ordinal) && !line.StartsWith("METADATA ", StringComparison.Ordinal)
                && !line.StartsWith("CHECKSUM ", StringComparison.Ordinal)) shapes.Add(line);
        }
        return shapes.ToArray();
    }

    private static float[] ParseValues(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var values = new List<float>();
        foreach (JsonElement value in document.RootElement.EnumerateArray()) values.Add((float)value.GetDouble());
        return values.ToArray();
    }

    /// <summary>Why Python cannot run the check, or null if it can.</summary>
    private static string? PythonUnavailable()
    {
        if (!File.Exists(Python)) return $"{Python} does not exist";
        (int exit, string _, string error) = Run("-c", "import numpy");
        return exit == 0 ? null : $"{Python} cannot import numpy: {error.Trim()}";
    }

    private static string[] RunPython(string path)
    {
        (int exit, string output, string error) = Run("-c", Reader, path);
        Assert.True(exit == 0, $"python exited with {exit.ToString(CultureInfo.InvariantCulture)}: {error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static (int Exit, string Output, string Error) Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new TimeoutException($"{Python} did not finish in 2 minutes.");
        }
        return (process.ExitCode, output, stderr.Result);
    }
}
