using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary>
/// Picks the widest kernel path the CPU has for a NativeAOT binary. Under the JIT the kernels' <c>IsHardwareAccelerated</c>
/// branches already follow the CPU. NativeAOT compiles them once, for the instruction set given at publish time
/// (<c>IlcInstructionSet</c>, x86-64-v2 by default): ILC treats AVX2 and AVX-512 as fixed, never as "opportunistic",
/// so one image cannot switch between Vector512, Vector256 and Vector128 at run time, and the JIT's
/// <c>DOTNET_EnableAVX2</c>-style switches do nothing in it. <c>Samples/NativeKernelVariants.targets</c> therefore
/// publishes the program three times: the baseline image (Vector128, runs on any x64 CPU) and, beside it,
/// <c>x86-64-v3/</c> (Vector256 + FMA) and <c>x86-64-v4/</c> (Vector512). The baseline image calls
/// <see cref="RunWidestVariant"/> first: it reads the CPU's features (CPUID) and replaces itself with the widest variant
/// the CPU runs.
/// </summary>
public static class KernelDispatch
{
    /// <summary>The folder of the Vector512 (AVX-512 F/BW/CD/DQ/VL) variant, beside the baseline binary.</summary>
    public const string X86Level4 = "x86-64-v4";

    /// <summary>The folder of the Vector256 + FMA (AVX2, FMA, BMI, ...) variant, beside the baseline binary.</summary>
    public const string X86Level3 = "x86-64-v3";

    /// <summary>
    /// In a NativeAOT binary compiled for a narrower instruction set than the CPU has, runs the widest published
    /// variant instead (on Linux and macOS the process image is replaced, so the exit code, signals and standard
    /// streams stay the caller's; on Windows the variant runs as a child process whose exit code is returned). Returns
    /// when this process already runs the widest usable path, under the JIT, or when no wider variant was published.
    /// The JIT's switches are honoured so each path can be tested: <c>DOTNET_EnableAVX512F=0</c> stops at
    /// x86-64-v3, <c>DOTNET_EnableAVX2=0</c> (or <c>DOTNET_EnableAVX=0</c>, <c>DOTNET_EnableHWIntrinsic=0</c>) keeps the
    /// baseline. <c>NETGEN_KERNEL_DISPATCH=0</c> turns the dispatch off.
    /// </summary>
    /// <param name="args">The program's arguments, passed on to the variant.</param>
    public static void RunWidestVariant(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (RuntimeFeature.IsDynamicCodeSupported) return; // the JIT compiles for this CPU already
        if (Environment.GetEnvironmentVariable("NETGEN_KERNEL_DISPATCH") == "0") return;
        string? self = Environment.ProcessPath;
        if (self is null) return;

        int current = CompiledLevel();
        int wanted = Math.Min(CpuLevel(), SwitchLimit());
        if (wanted <= current) return;

        string directory = Path.GetDirectoryName(self) ?? ".";
        for (int level = wanted; level > current; level--)
        {
            string variant = Path.Combine(directory, level == 4 ? X86Level4 : X86Level3, Path.GetFileName(self));
            if (!File.Exists(variant)) continue;
            Environment.Exit(Run(variant, args));
        }
    }

    /// <summary>The x86-64 level this image was compiled for: 4 (Vector512), 3 (Vector256 + FMA), 2 (Vector128) or 0.</summary>
    internal static int CompiledLevel() =>
        Vector512.IsHardwareAccelerated ? 4
        : Vector256.IsHardwareAccelerated && Fma.IsSupported ? 3
        : Sse42.IsSupported ? 2
        : 0;

    /// <summary>The widest x86-64 level the CPU runs, from CPUID (0 off x86).</summary>
    internal static int CpuLevel()
    {
        if (!X86Base.IsSupported) return 0;
        var (_, _, ecx1, _) = X86Base.CpuId(1, 0);
        var (_, ebx7, _, _) = X86Base.CpuId(7, 0);
        var (_, _, ecxExtended, _) = X86Base.CpuId(unchecked((int)0x80000001), 0);
        bool Bit(int register, int bit) => (register & (1 << bit)) != 0;

        // x86-64-v3: AVX, AVX2, FMA, F16C, MOVBE, BMI1/2, LZCNT, with the OS saving the AVX registers (OSXSAVE).
        bool level3 = Bit(ecx1, 27) && Bit(ecx1, 28) && Bit(ecx1, 12) && Bit(ecx1, 29) && Bit(ecx1, 22)
            && Bit(ebx7, 5) && Bit(ebx7, 3) && Bit(ebx7, 8) && Bit(ecxExtended, 5);
        // x86-64-v4: AVX-512 F, DQ, CD, BW and VL.
        bool level4 = level3 && Bit(ebx7, 16) && Bit(ebx7, 17) && Bit(ebx7, 28) && Bit(ebx7, 30) && Bit(ebx7, 31);
        return level4 ? 4 : level3 ? 3 : 2;
    }

    /// <summary>The widest level the JIT's <c>DOTNET_Enable*</c> switches allow (4 when none is set).</summary>
    internal static int SwitchLimit()
    {
        static bool Off(string name) => Environment.GetEnvironmentVariable("DOTNET_" + name) == "0";
        if (Off("EnableHWIntrinsic") || Off("EnableAVX") || Off("EnableAVX2") || Off("EnableFMA")) return 2;
        if (Off("EnableAVX512F") || Off("EnableAVX512")) return 3;
        return 4;
    }

    private static int Run(string path, string[] args)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            Exec(path, args);
            throw new InvalidOperationException($"Could not start the kernel variant {path}: execv failed with error {Marshal.GetLastPInvokeError()}.");
        }
        var start = new ProcessStartInfo(path) { UseShellExecute = false };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using Process process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start the kernel variant {path}.");
        process.WaitForExit();
        return process.ExitCode;
    }

    private static unsafe void Exec(string path, string[] args)
    {
        // argv: the variant's path, the arguments, then null; UTF-8 strings that execv copies into the new image.
        var argv = new byte*[args.Length + 2];
        argv[0] = (byte*)Marshal.StringToCoTaskMemUTF8(path);
        for (int i = 0; i < args.Length; i++) argv[i + 1] = (byte*)Marshal.StringToCoTaskMemUTF8(args[i]);
        fixed (byte** pointer = argv) ExecV(argv[0], pointer);
        for (int i = 0; i < args.Length + 1; i++) Marshal.FreeCoTaskMem((IntPtr)argv[i]); // only reached on failure
    }

    [DllImport("libc", EntryPoint = "execv", SetLastError = true)]
    private static extern unsafe int ExecV(byte* path, byte** argv);
}
