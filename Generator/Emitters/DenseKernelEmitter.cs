using System;
using System.Collections.Generic;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using static NetGen.Generator.Emitters.TileLoops;

namespace NetGen.Generator.Emitters;

/// <summary>
/// Emits the matrix kernels of one Dense shape (IN → OUT), shared by every Dense layer of that shape: the three
/// products of training — Forward (y = x·W + b), BackwardInput (dx = dy·Wᵀ) and BackwardWeights (dW = xᵀ·dy,
/// db = Σ dy) — each with a Vector512 path (when OUT ≥ 16), a Vector256 path, a Vector128 path and a scalar
/// Reference twin.
/// </summary>
/// <remarks>
/// Layout is Keras's: W is (IN, OUT) row-major. The fast paths are register-tiled (BLIS style): a tile keeps
/// 4 rows × up to 3 vectors of the result in 12 registers (on Vector512, which has 32 registers, 4 × 4 in 16, and 8 × 2 for Forward) while
/// it walks the reduction, so each loaded weight vector feeds 4 FMAs; BackwardInput's dot-product tiles are shaped
/// per path so that a row's sums reduce together (see DenseKernelEmitter.BackwardInput.cs). Tiles over the constant dimensions are planned
/// when the code is generated (full tiles in a loop, then one narrower tile whose last vector may overlap; scalar
/// columns only for a layer narrower than one vector); only the batch has a run-time remainder (rows one at a time).
/// The three products live in the partial files DenseKernelEmitter.{Forward,BackwardInput,BackwardWeights}.cs.
/// </remarks>
internal sealed partial class DenseKernelEmitter
{
    /// <summary>Rows per register tile.</summary>
    private const int TileRows = 4;

    /// <summary>Vectors per register tile: 4 × 3 accumulators + 3 operands + 1 broadcast = 16 registers (AVX2 has 16).</summary>
    private const int TileVectors = 3;

    /// <summary>Vectors per register tile on the Vector512 path: AVX-512 has 32 registers, room for 4 × 4 accumulators.</summary>
    private const int WideTileVectors = 4;

    /// <summary>The register tile's width in vectors for <paramref name="path"/>.</summary>
    private static int TileVectorsFor(VectorPath path) => path.Width == VectorPath.V512.Width ? WideTileVectors : TileVectors;

    private readonly int _in;
    private readonly int _out;
    private readonly bool _useBias;
    private readonly string _name;

    /// <summary>
    /// The products of an <paramref name="inputs"/> → <paramref name="units"/> shape: a Dense layer's, another layer's
    /// (a recurrent projection), or the transposed product a narrow layer's dx uses (see DenseEmitter).
    /// </summary>
    public DenseKernelEmitter(int inputs, int units, bool useBias, string name, bool forwardOnly = false)
    {
        _in = inputs;
        _out = units;
        _useBias = useBias;
        _name = name;
        _forwardOnly = forwardOnly;
    }

    /// <summary>Whether only Forward is needed (a transposed shape that no layer trains, or an inference-only network).</summary>
    private readonly bool _forwardOnly;

    public void Emit(IndentedSourceWriter w)
    {
        w.Line($"/// <summary>The products of a Dense layer {_in} → {_out}{(_useBias ? "" : " without bias")}: x (B, {_in}), W ({_in}, {_out}){(_useBias ? $", b ({_out})" : "")}, y (B, {_out}).</summary>");
        using (w.Block($"internal static class {_name}"))
        {
            w.Line($"public const int IN = {_in}, OUT = {_out};");
            w.Line();
            EmitForward(w);
            if (_forwardOnly) return;
            w.Line();
            EmitBackwardInput(w);
            w.Line();
            EmitBackwardWeights(w);
        }
    }

    /// <summary>The public entry of a product: checks the buffers once, then picks the widest hardware path.</summary>
    private void EmitEntry(IndentedSourceWriter w, string summary, string method, string parameters, string arguments, string lengthCheck)
    {
        w.Line($"/// <summary>{summary}</summary>");
        using (w.Block($"public static void {method}({parameters})"))
        {
            w.Line($"if ({lengthCheck})");
            w.Line($"    throw new ArgumentException(\"{_name}.{method}: buffer lengths do not match the layer shape.\");");
            EmitDispatch(w, method, arguments);
        }
    }

    /// <summary>
    /// The paths this shape gets: Vector512 only when OUT fills at least one 16-lane vector (a narrower layer would run
    /// its columns scalar there and is faster on Vector256), then Vector256 and Vector128.
    /// </summary>
    private VectorPath[] Paths => _out >= VectorPath.V512.Width ? VectorPath.All : new[] { VectorPath.V256, VectorPath.V128 };

    /// <summary>Calls the widest path the hardware accelerates, else the scalar reference.</summary>
    private void EmitDispatch(IndentedSourceWriter w, string method, string arguments)
    {
        // The IsHardwareAccelerated checks are JIT/AOT-time constants: only one path survives compilation.
        bool first = true;
        foreach (VectorPath path in Paths)
        {
            w.Line($"{(first ? "if" : "else if")} ({path.Type}.IsHardwareAccelerated) {method}{path.Suffix}({arguments});");
            first = false;
        }
        w.Line($"else {method}Reference({arguments});");
    }
}
