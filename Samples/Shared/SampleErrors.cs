using System;
using System.IO;
using System.Linq;

namespace NetGen.Samples;

/// <summary>
/// How every sample reports an error that reaches its top level: the message and a hint on stderr, exit code 1, and
/// the stack trace only with <c>--verbose</c> (a user who mistyped a path needs the message, not the frames).
/// Linked into each sample (<c>Samples/Shared</c>), so the samples stay single projects.
/// </summary>
internal static class SampleErrors
{
    /// <summary>The exit code of a sample stopped by an error.</summary>
    public const int ExitCode = 1;

    private static bool s_verbose;

    /// <summary>
    /// Installs the handler and returns <paramref name="args"/> without <c>--verbose</c> (unless the sample has its own
    /// <c>--verbose</c> option: <paramref name="keepVerbose"/>).
    /// </summary>
    public static string[] Install(string[] args, bool keepVerbose = false)
    {
        s_verbose = args.Contains("--verbose");
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            Report(e.ExceptionObject as Exception, Console.Error);
            Environment.Exit(ExitCode);
        };
        return keepVerbose ? args : args.Where(arg => arg != "--verbose").ToArray();
    }

    /// <summary>Writes the error, a hint, and (with <c>--verbose</c>) the stack trace.</summary>
    public static void Report(Exception? exception, TextWriter error)
    {
        if (exception is null)
        {
            error.WriteLine("error: the sample stopped because of an unknown error.");
            return;
        }
        error.WriteLine("error: " + exception.Message);
        error.WriteLine("hint: " + Hint(exception));
        if (s_verbose) error.WriteLine(exception.ToString());
        else error.WriteLine("(run again with --verbose for the stack trace)");
        error.Flush();
    }

    private static string Hint(Exception exception) => exception switch
    {
        InvalidDataException => "a file the sample reads is damaged, truncated or from another network; the message names it and says what to do.",
        FileNotFoundException or DirectoryNotFoundException => "check the path; the data sets download on first use (or pass --subset for the bundled images).",
        UnauthorizedAccessException => "the sample may not write there; choose another folder (e.g. --run-dir) or fix its permissions.",
        IOException => "check the path, that the disk has free space, and that the folder is writable.",
        ArgumentException => "check the command-line options (run with an unknown option to list them).",
        OutOfMemoryException or InsufficientExecutionStackException => "use a smaller --batch-size.",
        _ => "this looks like a bug in NetGen; please report it with the output of --verbose.",
    };
}
