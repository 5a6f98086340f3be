using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Emitters;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator;

public sealed partial class NetworkGenerator
{
    /// <summary>
    /// Formats a <see cref="NetworkSpec"/> as C#. Everything was decided by the parser; the emitter only writes, in a
    /// fixed order: header, Layout, description and constructor, buffers, forward, loss, backward, optimizer, kernels.
    /// </summary>
    internal sealed class Emitter
    {
        internal static readonly string Version = typeof(NetworkGenerator).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        private readonly NetworkSpec _spec;
        private readonly NetworkPlan _plan;
        private readonly List<LayerEmitter> _layers;
        private readonly LossEmitter _loss;

        /// <summary>One loss per output, in <see cref="NetworkSpec.Outputs"/> order (just <see cref="_loss"/> for one output).</summary>
        private readonly List<LossEmitter> _losses;
        private readonly OptimizerEmitter _optimizer;
        private readonly BufferList _buffers = new();

        /// <summary>The first layer, when its products can split by input features.</summary>
        private readonly DenseEmitter? _inputSplit;

        /// <summary>The consuming compilation does not optimize (a Debug build): the model tells Fit to say so.</summary>
        private readonly bool _unoptimized;

        public Emitter(NetworkPlan plan, bool unoptimized = false)
        {
            _unoptimized = unoptimized;
            _plan = plan;
            _spec = plan.Spec;
            _layers = plan.Layers.Select(LayerEmitter.For).ToList();
            LayerEmitter LayerAt(int index) => _layers[index - _spec.Inputs.Count];
            _losses = _spec.HasSeveralOutputs
                ? _spec.Outputs.Select((output, k) => new LossEmitter(output, k, LayerAt(output.Index), plan.OutputGradientFields[k])).ToList()
                : new List<LossEmitter> { new LossEmitter(_spec.Loss, LayerAt(_spec.OutputLayer.Index)) };
            _loss = _losses[0];
            // The optimizer covers the trainable head of the parameter buffer; moving statistics and frozen weights follow it.
            _optimizer = OptimizerEmitter.For(_spec.Optimizer, _spec.TrainableParameterCount, _spec.Weights.Where(weight => weight.Trainable).ToEquatableArray());
            foreach (LayerEmitter layer in _layers)
            {
                layer.DeclareBuffers(_buffers);
                if (InferenceOnly) continue;
                foreach (GradientBuffer gradient in plan.GradientBuffers.Where(gradient => gradient.DeclaredAfter == layer.Layer.Index))
                    _buffers.Add(gradient.Name, gradient.PerSample, gradient.Comment);
            }
            _inputSplit = _layers.OfType<DenseEmitter>().FirstOrDefault(dense => dense.SplitsByInput);
            if (_inputSplit is not null) _optimizer.InputSplitLayer = _inputSplit.Shape;
            // An inference-only network has no gradients or loss: its buffers are the activations only.
            if (InferenceOnly) return;
            if (_spec.HasSeveralOutputs)
            {
                foreach (LossEmitter loss in _losses)
                    _buffers.Add(loss.GradientField, loss.Units, $"gradient of {loss.Output!.Name}'s loss w.r.t. its output (or the fused logits)");
            }
            else _buffers.Add("_dOutput", _spec.OutputSize, "gradient of the loss w.r.t. the output (or the fused logits)");
            if (plan.ScratchPerSample > 0)
                _buffers.Add(NetworkPlan.ScratchField, plan.ScratchPerSample, "a later contribution to a gradient that several layers add to, before it is added");
            if (_spec.HasSeveralOutputs)
            {
                _buffers.Add("_Output", _spec.OutputSize, $"the network's output: {string.Join(", ", _spec.Outputs.Select(output => output.Name))}, concatenated");
                foreach (LossEmitter loss in _losses)
                {
                    if (loss.NeedsOutputCopy) _buffers.Add(loss.CopyBuffer, loss.Units, $"{loss.Output!.Name}'s output, for its loss");
                    if (loss.NeedsProbabilityBuffer) _buffers.Add(loss.ProbabilityBuffer, loss.Units, $"probabilities of {loss.Output!.Name}'s logits, for its loss gradient");
                    _buffers.Add(loss.LabelBuffer, loss.Output!.LabelWidth, $"{loss.Output.Name}'s labels, sliced from the label rows");
                }
            }
            else
            {
                if (_loss.NeedsOutputCopy) _buffers.Add("_Output", _spec.OutputSize, "the network's output");
                if (_loss.NeedsProbabilityBuffer) _buffers.Add("_LossProbabilities", _spec.OutputSize, "probabilities of the output logits, for the loss gradient");
            }
        }

        /// <summary>[Network(InferenceOnly = true)]: the forward pass and its kernels only.</summary>
        private bool InferenceOnly => _spec.InferenceOnly;

        /// <summary>The output's node: its activation is <c>a{OutputIndex}</c>.</summary>
        private int OutputIndex => _spec.OutputLayer.Index;

        /// <summary>The expression for input <paramref name="input"/>'s values in the current batch (<paramref name="batch"/> rows).</summary>
        private string InputExpression(InputSpec input, string batch) =>
            (_spec.Inputs.Count == 1 ? "InputBuffer" : $"InputBufferOf({input.Index})") + $".Slice(0, {batch} * {input.Shape.Size})";

        public string Emit()
        {
            var w = new IndentedSourceWriter();
            EmitHeader(w);
            w.Line("#nullable enable");
            w.Line("#pragma warning disable CS1591 // generated members are described by the header above");
            w.Line();
            w.Line("using System;");
            w.Line("using System.Runtime.CompilerServices;");
            w.Line("using System.Runtime.InteropServices;");
            w.Line("using System.Runtime.Intrinsics;");
            w.Line("using NetGen.Kernels;");
            w.Line();
            if (_spec.Namespace.Length > 0)
            {
                w.Line($"namespace {_spec.Namespace};");
                w.Line();
            }
            w.Line($"[global::System.CodeDom.Compiler.GeneratedCode(\"NetGen.Generator\", \"{Version}\")]");
            using (w.Block($"partial class {_spec.ClassName} : global::NetGen.Model"))
            {
                EmitLayout(w);
                w.Line();
                EmitDescription(w);
                w.Line();
                if (_unoptimized)
                {
                    w.Line("// NG0140: this build compiles without optimization; Fit says so once (Release builds omit this line).");
                    w.Line("protected override bool CompiledWithoutOptimization => true;");
                    w.Line();
                }
                EmitBuffers(w);
                w.Line();
                EmitActivationProperties(w);
                w.Line();
                EmitForward(w);
                w.Line();
                if (!InferenceOnly)
                {
                    if (_spec.HasSeveralOutputs) LossEmitter.EmitLossCore(w, _losses, _layers);
                    else _loss.EmitLossCore(w, _layers);
                    w.Line();
                    EmitBackward(w);
                    w.Line();
                    _optimizer.Emit(w);
                    w.Line();
                }
                EmitTasks(w);
                w.Line();
                OnnxEmitter.Emit(w, _spec);
                w.Line();
                EmitKernels(w);
            }
            return w.ToString();
        }

        private void EmitHeader(IndentedSourceWriter w)
        {
            w.Line("// <auto-generated/>");
            w.Line($"// Generated by NetGen.Generator {Version} from the attributes on {_spec.ClassName}. Do not edit: change the attributes.");
            w.Line("//");
            w.Line($"// Network {_spec.ClassName}");
            w.Line("//");
            var rows = new List<string[]> { new[] { "#", "attribute", "layer", "input", "output", "params" } };
            foreach (InputSpec input in _spec.Inputs)
                rows.Add(new[] { input.Index.ToString(), input.AttributeText, _spec.IsGraph ? $"{input.Name} (InputLayer)" : "input", "", input.Shape.WithBatch, "0" });
            foreach (LayerSpec layer in _spec.Layers)
                rows.Add(new[] { layer.Index.ToString(), layer.AttributeText, $"{layer.Name} ({layer.KerasType})", InputColumn(layer), layer.OutputShape.WithBatch, Literals.Count(layer.ParameterCount) });
            int[] widths = Enumerable.Range(0, 6).Select(c => rows.Max(r => r[c].Length)).ToArray();
            foreach (string[] row in rows)
                w.Line(("//   " + string.Join("  ", row.Select((cell, c) => c == 5 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c])))).TrimEnd());
            w.Line("//");
            if (InferenceOnly)
            {
                if (_spec.HasSeveralOutputs)
                    w.Line($"// Outputs: {string.Join(", ", _spec.Outputs.Select(output => $"{output.Name} {_spec.NodeShape(output.Index).WithBatch}"))}; an output row is their values concatenated.");
                w.Line("// Inference only ([Network(InferenceOnly = true)]): the forward pass and its kernels; no loss, backward pass,");
                w.Line("// gradient buffers or optimizer.");
                w.Line($"// Parameters: {Literals.Count(_spec.ParameterCount)} ({Literals.Count(_spec.ParameterCount * 4)} bytes) in one flat buffer.");
                w.Line($"// Activation buffers: {Literals.Count(_buffers.FloatsPerSample)} floats per sample.");
            }
            else EmitTrainingHeader(w);
            w.Line("//");
            w.Line("// Legend: B = batch size, the only runtime dimension; every other size is a constant. a{i} = output of layer i");
            string inputs = _spec.Inputs.Count == 1 ? "a0 = the input" : string.Join(", ", _spec.Inputs.Select(input => "a" + input.Index)) + " = the inputs";
            w.Line(InferenceOnly
                ? $"// ({inputs}); Lk_W / Lk_B = layer k's kernel / bias in Layout."
                : $"// ({inputs}), d{{i}} = gradient of the loss w.r.t. a{{i}}; Lk_W / Lk_B = layer k's kernel / bias in Layout.");
            w.Line();
        }

        /// <summary>The header lines of a trainable network: loss, optimizer, metrics, parameters and buffers.</summary>
        private void EmitTrainingHeader(IndentedSourceWriter w)
        {
            if (_spec.HasSeveralOutputs)
            {
                w.Line($"// Outputs: {string.Join(", ", _spec.Outputs.Select(output => $"{output.Name} {_spec.NodeShape(output.Index).WithBatch}"))}; an output row is their values concatenated.");
                w.Line("// Loss: Σ weight · loss over the outputs:");
                foreach (LossEmitter loss in _losses)
                    w.Line($"//   {Literals.Double(loss.Output!.Weight)} × {loss.Describe()}");
            }
            else w.Line($"// Loss: {_loss.Describe()}.");
            w.Line($"// Optimizer: {_optimizer.Describe()}.");
            w.Line($"// Metrics: {(_spec.Metrics.Count == 0 ? "none" : string.Join(", ", _spec.Metrics.Select(m => m.ToString().ToLowerInvariant())))}.");
            if (_spec.TrainableParameterCount == _spec.ParameterCount)
                w.Line($"// Parameters: {Literals.Count(_spec.ParameterCount)} ({Literals.Count(_spec.ParameterCount * 4)} bytes) in one flat buffer; gradients and {_spec.Optimizer.SlotCount} optimizer state buffer(s) mirror it.");
            else
            {
                w.Line($"// Parameters: {Literals.Count(_spec.ParameterCount)} ({Literals.Count(_spec.ParameterCount * 4)} bytes) in one flat buffer: the {Literals.Count(_spec.TrainableParameterCount)} trainable ones first,");
                w.Line($"// then {Literals.Count(_spec.ParameterCount - _spec.TrainableParameterCount)} non-trainable (moving statistics, frozen layers). The gradients mirror the whole buffer (zero on");
                w.Line($"// the non-trainable tail); the {_spec.Optimizer.SlotCount} optimizer state buffer(s) and the optimizer's pass cover the trainable head only.");
            }
            w.Line($"// Activation and gradient buffers: {Literals.Count(_buffers.FloatsPerSample)} floats per sample.");
        }

        /// <summary>The header's input column: the shape a layer reads, or, when it reads other nodes than the one above, their names.</summary>
        private string InputColumn(LayerSpec layer) =>
            layer.ReadsNodeAbove
                ? layer.InputShape.WithBatch
                : string.Join(" + ", layer.Inputs.Select(_spec.NodeName));

        private void EmitLayout(IndentedSourceWriter w)
        {
            w.Line(InferenceOnly
                ? "/// <summary>Where each weight lives in the flat parameter buffer.</summary>"
                : "/// <summary>Where each weight lives in the flat parameter buffer (gradients and optimizer state mirror it).</summary>");
            using (w.Block("public static class Layout"))
            {
                foreach (WeightSpec weight in _spec.Weights)
                {
                    w.Line($"/// <summary><c>{weight.KerasName}</c>, shape ({string.Join(", ", weight.Shape)}), {Literals.Count(weight.Length)} values{(weight.Trainable ? "" : ", non-trainable")}.</summary>");
                    w.Line($"public const int {weight.ConstantName} = {weight.Offset};");
                }
                w.Line("/// <summary>The length of the flat parameter buffer.</summary>");
                w.Line($"public const int ParameterCount = {_spec.ParameterCount};");
                if (_spec.TrainableParameterCount != _spec.ParameterCount)
                {
                    w.Line("/// <summary>The trainable head of the flat buffer, [0, TrainableParameterCount): what the optimizer updates.</summary>");
                    w.Line($"public const int TrainableParameterCount = {_spec.TrainableParameterCount};");
                }
            }
        }

        private void EmitDescription(IndentedSourceWriter w)
        {
            if (_spec.Inputs.Count == 1)
            {
                w.Line("/// <summary>The values in one input sample and in one output.</summary>");
                w.Line($"public const int InputLength = {_spec.InputShape.Size}, OutputLength = {_spec.OutputSize};");
            }
            else
            {
                w.Line("/// <summary>The values in one sample of each input (in declaration order) and in one output.</summary>");
                foreach (InputSpec input in _spec.Inputs)
                    w.Line($"public const int {Identifiers.Pascal(input.Name)}InputLength = {input.Shape.Size};");
                w.Line($"public const int OutputLength = {_spec.OutputSize};");
            }
            w.Line();
            using (w.Block("private static readonly global::NetGen.ModelDescription s_description = new()", "};"))
            {
                w.Line($"Name = {Literals.String(_spec.ClassName)},");
                w.Line($"InputShape = new[] {{ {string.Join(", ", _spec.InputShape.Dimensions)} }},");
                if (_spec.IsGraph)
                {
                    w.Line($"Inputs = new global::NetGen.InputInfo[] {{ {string.Join(", ", _spec.Inputs.Select(input => $"new({Literals.String(input.Name)}, new[] {{ {string.Join(", ", input.Shape.Dimensions)} }})"))} }},");
                    w.Line("IsGraph = true,");
                }
                w.Line($"OutputSize = {_spec.OutputSize},");
                if (_spec.HasSeveralOutputs)
                    w.Line($"Outputs = new global::NetGen.OutputInfo[] {{ {string.Join(", ", _spec.Outputs.Select(output => $"new({Literals.String(output.Name)}, {output.Size}, global::NetGen.Loss.{output.Loss.Kind}, {(output.Loss.FromLogits ? "true" : "false")}, {Literals.Double(output.Weight)})"))} }},");
                using (w.Block("Layers = new global::NetGen.LayerInfo[]", "},"))
                {
                    foreach (LayerSpec layer in _spec.Layers)
                        w.Line($"new({Literals.String(layer.Name)}, {Literals.String(layer.KerasType)}, {Literals.String(layer.OutputShape.Keras)}, {layer.ParameterCount}{Inbound(layer)}),");
                }
                using (w.Block("Weights = new global::NetGen.WeightInfo[]", "},"))
                {
                    foreach (WeightSpec weight in _spec.Weights)
                        w.Line($"new({Literals.String(weight.KerasName)}, new[] {{ {string.Join(", ", weight.Shape)} }}, Layout.{weight.ConstantName}, {weight.Length}, global::NetGen.Initializer.{weight.Initializer}, {weight.FanIn}, {weight.FanOut}{InitializerArguments(weight)}{(weight.Trainable ? "" : ", Trainable: false")}),");
                }
                w.Line("ParameterCount = Layout.ParameterCount,");
                if (InferenceOnly)
                {
                    w.Line("InferenceOnly = true,");
                    w.Line("// No loss, optimizer or metrics: these are the defaults, which an inference-only network never reads.");
                    w.Line("Loss = default,");
                    w.Line("FromLogits = false,");
                    w.Line("Optimizer = default,");
                    w.Line("OptimizerSlotCount = 0,");
                    w.Line("OptimizerSlotNames = Array.Empty<string>(),");
                    w.Line("Metrics = Array.Empty<global::NetGen.Metric>(),");
                }
                else
                {
                    w.Line($"Loss = global::NetGen.Loss.{_spec.Loss.Kind},");
                    w.Line($"FromLogits = {(_spec.Loss.FromLogits ? "true" : "false")},");
                    w.Line($"Optimizer = global::NetGen.Optimizer.{_spec.Optimizer.Kind},");
                    w.Line($"OptimizerSlotCount = {_spec.Optimizer.SlotCount},");
                    w.Line($"OptimizerSlotNames = new string[] {{ {string.Join(", ", _spec.Optimizer.SlotNames.Select(Literals.String))} }},");
                    if (_spec.Optimizer.ScalarNames.Length > 0)
                        w.Line($"OptimizerScalarNames = new string[] {{ {string.Join(", ", _spec.Optimizer.ScalarNames.Select(Literals.String))} }},");
                    w.Line($"Metrics = new global::NetGen.Metric[] {{ {string.Join(", ", _spec.Metrics.Select(m => "global::NetGen.Metric." + m))} }},");
                }
            }
            w.Line();
            w.Line("/// <summary>Creates the network; weights are initialized by their Keras initializers from <paramref name=\"seed\"/> (same seed, same weights).</summary>");
            w.Line($"public {_spec.ClassName}(int seed = 0)");
            w.Line($"    : base(s_description, {(InferenceOnly ? "new global::NetGen.OptimizerSettings()" : _optimizer.SettingsInitializer())}, seed)");
            using (w.Scope())
            {
                if (!InferenceOnly) _optimizer.EmitInitialState(w);
            }
        }

        /// <summary>", new[] { "wide", "dense_1" }": the names of the nodes a layer of a graph reads, or "" in a stack.</summary>
        private string Inbound(LayerSpec layer) =>
            _spec.IsGraph ? $", new[] {{ {string.Join(", ", layer.Inputs.Select(input => Literals.String(_spec.NodeName(input))))} }}" : "";

        /// <summary>", new global::NetGen.InitializerArguments { … }" with the arguments the weight's initializer reads, or "".</summary>
        private static string InitializerArguments(WeightSpec weight)
        {
            if (weight.Arguments is not { } a) return "";
            string arguments = weight.Initializer switch
            {
                InitializerKind.Constant => $"Value = {Literals.Double(a.Value)}",
                InitializerKind.RandomUniform => $"MinVal = {Literals.Double(a.MinVal)}, MaxVal = {Literals.Double(a.MaxVal)}",
                InitializerKind.RandomNormal => $"Mean = {Literals.Double(a.Mean)}, Stddev = {Literals.Double(a.Stddev)}",
                InitializerKind.Orthogonal => $"Gain = {Literals.Double(a.Gain)}",
                _ when a.UnitForgetBiasUnits > 0 => "",
                _ => throw new NotSupportedException(weight.Initializer + " takes no arguments"),
            };
            if (a.UnitForgetBiasUnits > 0)
                arguments += (arguments.Length > 0 ? ", " : "") + $"UnitForgetBiasUnits = {a.UnitForgetBiasUnits}";
            return ", new global::NetGen.InitializerArguments { " + arguments + " }";
        }

        private void EmitBuffers(IndentedSourceWriter w)
        {
            w.Line(InferenceOnly ? "// Activation buffers, sized for the largest batch seen so far." : "// Activation and gradient buffers, sized for the largest batch seen so far.");
            foreach (var (name, perSample, comment, type) in _buffers.Items)
                w.Line($"private {type}[] {name} = Array.Empty<{type}>(); // {comment}: {perSample} per sample");
            w.Line();
            w.Line("/// <inheritdoc/>");
            using (w.Block("protected override void AllocateBuffers(int capacity)"))
            {
                foreach (var (name, perSample, _, type) in _buffers.Items)
                    w.Line($"{name} = new {type}[capacity * {perSample}];");
            }
            if (_layers.Any(layer => layer.HasFields))
            {
                w.Line();
                foreach (LayerEmitter layer in _layers.Where(layer => layer.HasFields)) layer.EmitFields(w);
            }
        }

        private void EmitActivationProperties(IndentedSourceWriter w)
        {
            w.Line("// The current batch, for the parallel tasks, and each layer's output a{i} in terms of the buffers.");
            w.Line("private int _batch;");
            w.Line("private bool _training;");
            foreach (InputSpec input in _spec.Inputs)
                w.Line($"private ReadOnlySpan<float> A{input.Index} => {InputExpression(input, "_batch")};");
            foreach (LayerEmitter layer in _layers)
                w.Line($"private ReadOnlySpan<float> A{layer.Layer.Index} => {layer.ActivationExpression};");
        }

        private void EmitTasks(IndentedSourceWriter w)
        {
            var tasks = _layers.SelectMany(layer => (InferenceOnly ? layer.ForwardTasks : layer.Tasks).Select(task => (Layer: layer, Task: task))).ToList();
            w.Line("/// <summary>The kernel calls that are split over threads: <see cref=\"RunTask\"/> runs one part of one of them.</summary>");
            using (w.Block("private static class Tasks"))
            {
                for (int i = 0; i < tasks.Count; i++) w.Line($"public const int {tasks[i].Task} = {i};");
                if (!InferenceOnly) w.Line($"public const int {OptimizerEmitter.TaskName} = {tasks.Count};");
            }
            w.Line();
            if (_inputSplit is not null)
            {
                var (inputs, units) = _inputSplit.Shape;
                w.Line("/// <inheritdoc/>");
                w.Line($"protected override bool SplitsInput(int batch) => InputSplitPays(batch, (long)batch * {inputs * units});");
                w.Line();
            }
            // Each task is a method of its own: one switch over every layer's calls is a method so large that the JIT's
            // inlining budget runs out, and its span slicing stayed calls (395 calls to Span.Slice in the deep network's).
            w.Line("/// <inheritdoc/>");
            using (w.Block("protected override void RunTask(int task, int part, int parts)"))
            using (w.Block("switch (task)"))
            {
                foreach (var (_, task) in tasks)
                    w.Line($"case Tasks.{task}: Run{task}(part, parts); break;");
                if (!InferenceOnly)
                    w.Line($"case Tasks.{OptimizerEmitter.TaskName}: Run{OptimizerEmitter.TaskName}(part, parts); break;");
                w.Line("default: base.RunTask(task, part, parts); break;");
            }
            foreach (var (layer, task) in tasks)
            {
                w.Line();
                using (w.Block($"private void Run{task}(int part, int parts)"))
                    layer.EmitTask(w, task);
            }
            if (!InferenceOnly)
            {
                w.Line();
                using (w.Block($"private void Run{OptimizerEmitter.TaskName}(int part, int parts)"))
                    _optimizer.EmitTask(w);
            }
        }

        private void EmitForward(IndentedSourceWriter w)
        {
            w.Line("/// <inheritdoc/>");
            using (w.Block("protected override ReadOnlySpan<float> ForwardCore(int batch, bool training)"))
            {
                w.Line("_batch = batch;");
                w.Line("_training = training;");
                w.Line("ReadOnlySpan<float> parameters = Parameters;");
                foreach (InputSpec input in _spec.Inputs)
                    w.Line($"ReadOnlySpan<float> a{input.Index} = {InputExpression(input, "batch")}; // {(_spec.Inputs.Count == 1 ? "input" : input.Name)} {input.Shape.WithBatch}");
                foreach (LayerEmitter layer in _layers)
                {
                    w.Line();
                    w.Line(layer.Describe());
                    layer.EmitForward(w);
                }
                w.Line();
                if (_spec.HasSeveralOutputs)
                {
                    w.Line($"// The network's output row: {string.Join(", ", _spec.Outputs.Select(output => output.Name))}, concatenated.");
                    w.Line($"Span<float> output = _Output.AsSpan(0, batch * {_spec.OutputSize});");
                    int offset = 0;
                    foreach (LossEmitter loss in _losses)
                    {
                        w.Line($"Merge.CopyColumns(output, {_spec.OutputSize}, {offset}, {loss.Activation}, {loss.Units}, batch);");
                        if (loss.NeedsOutputCopy) w.Line($"{loss.Activation}.CopyTo({loss.CopyBuffer}.AsSpan(0, batch * {loss.Units}));");
                        offset += loss.Units;
                    }
                    w.Line("return output;");
                }
                else if (_loss.NeedsOutputCopy)
                {
                    w.Line($"a{OutputIndex}.CopyTo(_Output.AsSpan(0, batch * {_spec.OutputSize}));");
                    w.Line($"return _Output.AsSpan(0, batch * {_spec.OutputSize});");
                }
                else
                {
                    w.Line($"return a{OutputIndex};");
                }
            }
        }

        private void EmitBackward(IndentedSourceWriter w)
        {
            w.Line("/// <inheritdoc/>");
            using (w.Block("protected override void BackwardCore(ReadOnlySpan<float> labels, int batch)"))
            {
                w.Line("_batch = batch;");
                w.Line("ReadOnlySpan<float> parameters = Parameters;");
                w.Line("Span<float> gradients = GradientBuffer;");
                w.Line();
                w.Line("// The activations the training-mode forward pass left in the buffers.");
                foreach (InputSpec input in _spec.Inputs)
                    w.Line($"ReadOnlySpan<float> a{input.Index} = {InputExpression(input, "batch")};");
                foreach (LayerEmitter layer in _layers) layer.EmitSavedActivation(w);
                w.Line();
                if (_spec.HasSeveralOutputs)
                {
                    int labelWidth = _spec.Outputs.Sum(output => output.LabelWidth), offset = 0;
                    foreach (LossEmitter loss in _losses)
                    {
                        if (offset > 0) w.Line();
                        loss.EmitGradient(w, labelWidth, offset);
                        offset += loss.Output!.LabelWidth;
                    }
                }
                else _loss.EmitGradient(w);
                // Reverse order of the forward pass, so every reader of a tensor has added to its gradient before its
                // producer runs; layers the output does not depend on, and those with neither weights nor an input
                // that needs a gradient, have nothing to do.
                for (int i = _layers.Count - 1; i >= 0; i--)
                {
                    LayerEmitter layer = _layers[i];
                    bool passesGradient = layer.Plan.InputGradients.Any(input => input.Mode != GradientMode.None);
                    if (!layer.Plan.Live || (layer.Layer.TrainableParameterCount == 0 && !passesGradient)) continue;
                    w.Line();
                    w.Line(layer.Describe().Replace(" -> ", " <- "));
                    layer.EmitBackward(w);
                }
            }
        }

        private void EmitKernels(IndentedSourceWriter w)
        {
            w.Line("/// <summary>The shape-specialized kernels of this network, one class per distinct layer shape.</summary>");
            using (w.Block("internal static class Kernels"))
            {
                var emitted = new HashSet<string>();
                bool first = true;
                foreach (DenseSpec dense in _spec.Layers.OfType<DenseSpec>())
                {
                    if (!emitted.Add(dense.KernelName)) continue;
                    if (!first) w.Line();
                    new DenseKernelEmitter(dense.InputUnits, dense.Units, dense.UseBias, dense.KernelName, InferenceOnly).Emit(w);
                    first = false;
                }
                // The products other layers run on Dense kernels (a recurrent layer's input projection and recurrent product).
                foreach (var (inputs, units, useBias, name) in _layers.SelectMany(layer => layer.KernelShapes))
                {
                    if (!emitted.Add(name)) continue;
                    if (!first) w.Line();
                    new DenseKernelEmitter(inputs, units, useBias, name, InferenceOnly).Emit(w);
                    first = false;
                }
                // The transposed shapes that narrow layers compute dx with (OUT → IN, no bias): their Forward only,
                // unless a layer of that shape already brought the whole class.
                var transposed = new HashSet<string>();
                foreach (DenseEmitter dense in _layers.OfType<DenseEmitter>().Where(dense => dense.TransposesForInputGradient && !InferenceOnly))
                {
                    if (emitted.Contains(dense.TransposedKernelName) || !transposed.Add(dense.TransposedKernelName)) continue;
                    w.Line();
                    var (inputs, units) = dense.Shape;
                    new DenseKernelEmitter(units, inputs, useBias: false, dense.TransposedKernelName, forwardOnly: true).Emit(w);
                }
                // Convolutions: each geometry's forward and weight-gradient products, and the forward product of the
                // geometry their input gradient is (unless a layer of that geometry already brought it).
                var convolutions = _layers.OfType<ConvolutionEmitter>().ToList();
                foreach (ConvolutionEmitter conv in convolutions)
                    EmitConvolutionKernels(w, emitted, conv.Geometry, conv.UseBias, forwardOnly: InferenceOnly);
                foreach (ConvolutionEmitter conv in convolutions.Where(conv => conv.Plan.InputGradients[0].Mode != GradientMode.None && !InferenceOnly))
                    EmitConvolutionKernels(w, emitted, conv.InputGradientGeometry, useBias: false, forwardOnly: true);
            }
        }

        private static void EmitConvolutionKernels(IndentedSourceWriter w, HashSet<string> emitted, ConvolutionGeometry geometry, bool useBias, bool forwardOnly)
        {
            string name = ConvolutionKernelEmitter.NameOf(geometry, useBias);
            // Layers' geometries come first, so a geometry both a layer and an input gradient use gets the full class.
            if (!emitted.Add(name)) return;
            w.Line();
            new ConvolutionKernelEmitter(geometry, useBias, forwardOnly).Emit(w);
        }
    }
}
