namespace NetGen.Generator.Emitters;

/// <summary>
/// One SIMD path of a kernel: the vector type and its float lanes. Vector512 runs where the JIT accelerates it
/// (AVX-512: 32 registers, and full-width FMA units on the newer cores), Vector256 on AVX2 + FMA, Vector128 on NEON
/// and SSE.
/// </summary>
internal readonly record struct VectorPath(string Type, int Width)
{
    public static readonly VectorPath V512 = new("Vector512", 16);
    public static readonly VectorPath V256 = new("Vector256", 8);
    public static readonly VectorPath V128 = new("Vector128", 4);

    /// <summary>Widest first: generated code tests <c>IsHardwareAccelerated</c> in this order and the JIT keeps one path.</summary>
    public static readonly VectorPath[] All = { V512, V256, V128 };

    /// <summary>"Vector256&lt;float&gt;"</summary>
    public string Of => "global::System.Runtime.Intrinsics." + Type + "<float>";

    /// <summary>"Vector256" (the static class)</summary>
    public string Static => "global::System.Runtime.Intrinsics." + Type;

    /// <summary>The method-name suffix, e.g. <c>256</c>.</summary>
    public string Suffix => Type.Substring("Vector".Length);
}
