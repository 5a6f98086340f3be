namespace NetGen.Generator.Emitters;

/// <summary>One SIMD path of a kernel: the vector type and its float lanes.</summary>
internal readonly record struct VectorPath(string Type, int Width)
{
    public static readonly VectorPath V256 = new("Vector256", 8);
    public static readonly VectorPath V128 = new("Vector128", 4);
    public static readonly VectorPath[] All = { V256, V128 };

    /// <summary>"Vector256&lt;float&gt;"</summary>
    public string Of => "global::System.Runtime.Intrinsics." + Type + "<float>";

    /// <summary>"Vector256" (the static class)</summary>
    public string Static => "global::System.Runtime.Intrinsics." + Type;

    /// <summary>The method-name suffix, e.g. <c>256</c>.</summary>
    public string Suffix => Type.Substring("Vector".Length);
}
