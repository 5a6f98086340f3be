using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace NetGen;

/// <summary>
/// Test-only fault injection for the kill campaign (docs/reliability.md): with the environment variable
/// <c>NETGEN_FAULT_KILL_AT=&lt;point&gt;:&lt;n&gt;</c> the process kills itself with SIGKILL (no clean-up, as <c>kill -9</c>)
/// at the n-th time (1-based) it reaches <c>&lt;point&gt;</c>. Without the variable nothing happens. The points:
/// <list type="bullet">
/// <item><c>batch</c>: after a training batch (its weight update and callbacks).</item>
/// <item><c>epoch-end</c>: after every callback's epoch end (rows and events appended, checkpoints saved), before the backup is written.</item>
/// <item><c>write</c>: in the middle of an atomic file write: half the temporary file is on disk, not yet renamed.</item>
/// <item><c>written</c>: right after an atomic file write's rename.</item>
/// </list>
/// </summary>
internal static class FaultInjection
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "NETGEN_FAULT_KILL_AT";

    private static readonly string? s_point;
    private static readonly int s_occurrence;
    private static int s_reached;

    static FaultInjection()
    {
        string? value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(value)) return;
        int colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out s_occurrence) || s_occurrence < 1)
            throw new InvalidOperationException($"{Variable} is '{value}'; expected <point>:<n>, e.g. write:3 (n counts from 1).");
        s_point = value.Substring(0, colon);
    }

    /// <summary>Whether this is the n-th time the process reaches <paramref name="point"/>, the one to kill it at.</summary>
    public static bool Reached(string point) =>
        s_point is not null && string.Equals(point, s_point, StringComparison.Ordinal) && Interlocked.Increment(ref s_reached) == s_occurrence;

    /// <summary>Kills the process at <paramref name="point"/> if it is the one.</summary>
    public static void KillAt(string point)
    {
        if (Reached(point)) Kill();
    }

    /// <summary>Kills this process with SIGKILL; never returns.</summary>
    public static void Kill()
    {
        using (var self = Process.GetCurrentProcess()) self.Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
