using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NetGen.Tests.Helpers;

namespace NetGen.Tests.EndToEnd;

/// <summary>
/// Every sample and Bench answers --help with its usage and exit code 0, and an unknown option with the usage on
/// standard error and exit code 2 — before loading any data or training anything.
/// </summary>
public sealed class CommandLineTests
{
    public static TheoryData<string> Programs() =>
        new(["DeepBatchNorm", "FashionCnn", "FashionLstm", "FashionMnist", "Regularization", "ResidualFashionMnist", "SequenceConv1D", "TextLstm", "WideAndDeep", "Bench"]);

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task Help_PrintsTheUsage_AndExits0(string program)
    {
        var (exitCode, output, error) = await Run(program, program == "Bench" ? ["help"] : ["--help"]);

        Assert.True(exitCode == 0, $"{program} --help exited with {exitCode}:\n{output}\n{error}");
        Assert.Contains("Usage", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task UnknownOption_PrintsTheUsage_AndExits2(string program)
    {
        var (exitCode, output, error) = await Run(program, program == "Bench" ? ["epochs", "--no-such-option"] : ["--no-such-option"]);

        Assert.True(exitCode == 2, $"{program} --no-such-option exited with {exitCode}:\n{output}\n{error}");
        Assert.Contains("--no-such-option", error, StringComparison.Ordinal);
        Assert.Contains("Usage", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchUsage_ListsEveryCommand()
    {
        var (exitCode, output, _) = await Run("Bench", ["--help"]);
        var (unknownExit, _, unknownError) = await Run("Bench", ["no-such-command"]);

        Assert.Equal(0, exitCode);
        foreach (string command in new[] { "epochs", "profile", "conv-kernels", "latency", "peak", "kernels" })
            Assert.Contains($"\n  {command} ", output.Replace("\r", ""), StringComparison.Ordinal);
        Assert.Equal(2, unknownExit);
        Assert.Contains("Unknown command no-such-command", unknownError, StringComparison.Ordinal);
    }

    /// <summary>Runs the program built beside the tests (same configuration, any target framework).</summary>
    private static async Task<(int ExitCode, string Output, string Error)> Run(string program, string[] arguments)
    {
        string configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        string project = program == "Bench" ? "Bench" : Path.Combine("Samples", program);
        string assembly = program == "Bench" ? "NetGen.Bench.dll" : program + ".dll";
        string bin = Path.Combine(RepositoryRoot.Path, project, "bin", configuration);
        string? path = Directory.Exists(bin) ? Directory.GetFiles(bin, assembly, SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() : null;
        Assert.True(path is not null, $"{program} is not built under {bin}");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(path);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
