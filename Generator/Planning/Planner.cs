using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// The plan pass: from a resolved <see cref="NetworkSpec"/>, decides which layers are live, where every gradient lives
/// (shared in place where one reader transforms it, own buffers where a tensor fans out, contributions written then
/// accumulated) and each layer's share of the work, by its multiply-adds.
/// </summary>
internal static class Planner
{
    /// <summary>
    /// Layers with at least this many multiply-adds per sample split their products over threads (the runtime still
    /// runs them on one thread when the batch is too small for the split to pay).
    /// </summary>
    public const int SplitMinimumMultiplyAdds = 4096;

    public static NetworkPlan Plan(NetworkSpec spec)
    {
        int inputCount = spec.Inputs.Count;
        int nodes = inputCount + spec.Layers.Count;
        LayerSpec Layer(int index) => spec.Layers[index - inputCount];

        // Live: the outputs, and every layer a live layer reads.
        var live = new bool[nodes];
        foreach (OutputSpec output in spec.Outputs) live[output.Index] = true;
        for (int index = nodes - 1; index >= inputCount; index--)
        {
            if (!live[index]) continue;
            foreach (int input in Layer(index).Inputs) live[input] = true;
        }

        // Each tensor's gradient contributions in backward order: readers from the last, their inputs in order.
        var contributions = new Dictionary<int, List<(int Reader, int Input)>>();
        for (int index = nodes - 1; index >= inputCount; index--)
        {
            LayerSpec layer = Layer(index);
            // An inference-only network has no backward pass: no tensor gets a gradient.
            if (!live[index] || spec.InferenceOnly) continue;
            for (int k = 0; k < layer.Inputs.Count; k++)
            {
                if (!layer.InputsNeedGradient[k]) continue;
                if (!contributions.TryGetValue(layer.Inputs[k], out var list)) contributions[layer.Inputs[k]] = list = new();
                list.Add((index, k));
            }
        }

        // Fields, from the outputs back: each output's loss gradient has its own (nobody else reads an output); a tensor
        // with one in-place reader shares that reader's buffer.
        var field = new string[nodes];
        var gradientBuffers = new List<GradientBuffer>();
        var outputFields = new List<string>();
        for (int k = 0; k < spec.Outputs.Count; k++)
        {
            field[spec.Outputs[k].Index] = OutputGradientField(k);
            outputFields.Add(field[spec.Outputs[k].Index]);
        }
        var modes = new Dictionary<(int Reader, int Input), GradientMode>();
        int scratch = 0;
        var aliasingReaders = new HashSet<int>();
        for (int tensor = nodes - 1; tensor >= inputCount; tensor--)
        {
            if (field[tensor] is not null || !contributions.TryGetValue(tensor, out var list)) continue;
            LayerSpec producer = Layer(tensor);
            // One input per reader at most: the others' gradients are read from the shared buffer before the aliased
            // input's producer transforms it in place.
            if (list.Count == 1 && Layer(list[0].Reader).PassesGradientInPlaceTo(list[0].Input) && aliasingReaders.Add(list[0].Reader))
            {
                modes[list[0]] = GradientMode.Alias;
                field[tensor] = field[list[0].Reader];
                continue;
            }
            LayerSpec firstReader = Layer(list[0].Reader);
            field[tensor] = list.Count == 1 && firstReader is DenseSpec ? $"_L{firstReader.Index}_dX" : $"_L{tensor}_dOut";
            string readers = string.Join(", ", list.Select(c => Layer(c.Reader).Name).Distinct());
            gradientBuffers.Add(list.Count == 1
                ? new GradientBuffer(field[tensor], producer.OutputShape.Size, $"gradient w.r.t. {firstReader.Name}'s input {producer.OutputShape.WithBatch}", firstReader.Index)
                : new GradientBuffer(field[tensor], producer.OutputShape.Size,
                    $"gradient w.r.t. {producer.Name}'s output {producer.OutputShape.WithBatch}, the sum of what {readers} pass back", tensor));
            for (int c = 0; c < list.Count; c++)
            {
                modes[list[c]] = c == 0 ? GradientMode.Write : GradientMode.Accumulate;
                if (c > 0) scratch = System.Math.Max(scratch, producer.OutputShape.Size);
            }
        }

        long multiplyAdds = spec.Layers.Sum(layer => layer.MultiplyAddsPerSample);
        var plans = new List<LayerPlan>();
        bool weightsBefore = false;
        foreach (LayerSpec layer in spec.Layers)
        {
            var inputs = new List<InputGradientPlan>();
            for (int k = 0; k < layer.Inputs.Count; k++)
            {
                int tensor = layer.Inputs[k];
                GradientMode mode = modes.TryGetValue((layer.Index, k), out GradientMode m) ? m : GradientMode.None;
                inputs.Add(new InputGradientPlan(mode, tensor, field[tensor] ?? "", spec.NodeShape(tensor).Size));
            }
            bool splits = layer.MultiplyAddsPerSample >= SplitMinimumMultiplyAdds;
            bool carries = layer.MultiplyAddsPerSample > 0 && 2 * layer.MultiplyAddsPerSample >= multiplyAdds;
            // Only the first layer with weights: its W starts the flat buffer, as the optimizer's matching split assumes.
            bool mayReadInputSplit = !weightsBefore;
            weightsBefore |= layer.ParameterCount > 0;
            plans.Add(new LayerPlan(layer, live[layer.Index], field[layer.Index] ?? "", inputs.ToEquatableArray(), splits, carries, mayReadInputSplit, spec.InferenceOnly));
        }
        gradientBuffers.Reverse();
        return new NetworkPlan(spec, plans.ToEquatableArray(), gradientBuffers.ToEquatableArray(), scratch) { OutputGradientFields = outputFields.ToEquatableArray() };
    }

    /// <summary>The field of output <paramref name="k"/>'s loss gradient: <c>_dOutput</c> for the first (the only one of most networks), <c>_dOutput_{k}</c> after.</summary>
    public static string OutputGradientField(int k) => k == 0 ? "_dOutput" : "_dOutput_" + k;
}
