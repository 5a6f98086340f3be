using System.IO;
using System.Threading;

namespace NetGen;

public abstract partial class Model
{
    /// <summary>Set once the Debug-build note has been written: it is one line per process, not per Fit.</summary>
    private static int s_unoptimizedNoteWritten;

    /// <summary>
    /// True when the network's generated code was compiled without optimization (the consuming project's Debug
    /// build): the generator overrides this in such builds (and reports NG0140 at compile time), so no reflection is
    /// needed to know it. <c>Fit</c> then writes one line to standard error, once per process.
    /// </summary>
    protected virtual bool CompiledWithoutOptimization => false;

    /// <summary>Writes the Debug-build note to <paramref name="error"/> if this network needs it and no note was written yet in this process.</summary>
    /// <returns>Whether the note was written.</returns>
    internal bool WriteUnoptimizedNoteOnce(TextWriter error)
    {
        if (!CompiledWithoutOptimization || Interlocked.Exchange(ref s_unoptimizedNoteWritten, 1) != 0) return false;
        error.WriteLine(
            $"NetGen: {Description.Name} was compiled without optimization (a Debug build), so it trains several times slower; build with -c Release (NG0140).");
        return true;
    }

    /// <summary>Lets a test see the note again (it is written once per process).</summary>
    internal static void ResetUnoptimizedNote() => Interlocked.Exchange(ref s_unoptimizedNoteWritten, 0);
}
