using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Reading;

/// <summary>Reads <c>[Compile(loss, optimizer, …)]</c>: the loss (and how it reads the output), the optimizer and the metrics.</summary>
internal static class CompileReader
{
    /// <summary>The loss of a network whose only output is <paramref name="output"/>: the positional loss.</summary>
    public static LossSpec? Loss(LayerAttributeData compile, LayerSpec output) =>
        OutputLosses(compile, new[] { output }) is { } losses ? losses[0].Loss : null;

    /// <summary>
    /// The loss and loss weight of each output, in order: <c>Losses</c> (one per output) or the positional loss for
    /// every output, and <c>LossWeights</c> (default 1 each). Null after a diagnostic.
    /// </summary>
    public static List<(LossSpec Loss, double Weight)>? OutputLosses(LayerAttributeData compile, IReadOnlyList<LayerSpec> outputs)
    {
        string text = compile.Text;
        int count = outputs.Count;
        string names = string.Join(", ", outputs.Select(output => "'" + output.Name + "'"));
        bool valid = true;
        LossKind? positional = compile.Enum<LossKind>(compile.Argument(0), "loss");
        if (positional is null) valid = false;

        // Losses: one per output (Keras's list of losses), replacing the positional loss.
        LossKind[]? kinds = null;
        if (NamedArray(compile, "Losses") is { } lossValues)
        {
            kinds = new LossKind[lossValues.Length];
            for (int k = 0; k < lossValues.Length; k++)
            {
                if (compile.Enum<LossKind>(lossValues[k], "loss") is { } kind) kinds[k] = kind;
                else valid = false;
            }
            if (lossValues.Length != count)
            {
                compile.Report(DiagnosticDescriptors.LossOptionsOutputMismatch, text,
                    $"Losses has {lossValues.Length} entr{(lossValues.Length == 1 ? "y" : "ies")} for {count} output(s) ({names}); give one loss per output, in [Network(Outputs = …)] order");
                valid = false;
            }
        }

        // LossWeights (Keras's loss_weights): one finite weight >= 0 per output.
        var weights = new double[count];
        for (int k = 0; k < count; k++) weights[k] = 1.0;
        if (NamedArray(compile, "LossWeights") is { } weightValues)
        {
            if (weightValues.Length != count)
            {
                compile.Report(DiagnosticDescriptors.LossOptionsOutputMismatch, text,
                    $"LossWeights has {weightValues.Length} entr{(weightValues.Length == 1 ? "y" : "ies")} for {count} output(s) ({names}); give one weight per output, in [Network(Outputs = …)] order");
                valid = false;
            }
            for (int k = 0; k < weightValues.Length && k < count; k++)
            {
                double weight = weightValues[k].Value is double d ? d : double.NaN;
                if (!(weight >= 0) || double.IsInfinity(weight))
                {
                    compile.Report(DiagnosticDescriptors.LossOptionsOutputMismatch, text,
                        $"the loss weight of '{outputs[k].Name}' is {LayerAttributeData.Format(weight)}; each weight must be a finite number >= 0");
                    valid = false;
                }
                else if (count == 1 && weight != 1.0)
                {
                    compile.Report(DiagnosticDescriptors.LossOptionsOutputMismatch, text,
                        $"the network has one output ('{outputs[0].Name}') and its loss weight is {LayerAttributeData.Format(weight)}; a single output's weight must be 1 (scale the learning rate instead)");
                    valid = false;
                }
                weights[k] = weight;
            }
        }
        if (!valid) return null;

        // FromLogits applies to the cross-entropy outputs, HuberDelta to the Huber ones; each needs at least one.
        var kindsOf = new LossKind[count];
        for (int k = 0; k < count; k++) kindsOf[k] = kinds?[k] ?? positional!.Value;
        bool fromLogits = compile.Named("FromLogits", false);
        if (fromLogits && !kindsOf.Any(IsCrossEntropy))
        {
            compile.Report(DiagnosticDescriptors.InvalidArgument, text, "FromLogits applies only to cross-entropy losses");
            return null;
        }
        double delta = compile.Named("HuberDelta", 1.0);
        if (compile.HasNamed("HuberDelta") && !kindsOf.Contains(LossKind.Huber))
        {
            compile.Report(DiagnosticDescriptors.InvalidArgument, text, $"HuberDelta applies only to Loss.Huber; found Loss.{kindsOf[0]}");
            return null;
        }
        if (!(delta > 0) || double.IsInfinity(delta))
        {
            compile.Report(DiagnosticDescriptors.InvalidArgument, text, $"HuberDelta must be a finite number > 0; found {LayerAttributeData.Format(delta)}");
            return null;
        }

        var result = new List<(LossSpec, double)>();
        for (int k = 0; k < count; k++)
        {
            LossSpec? loss = Loss(compile, outputs[k], kindsOf[k], fromLogits && IsCrossEntropy(kindsOf[k]), kindsOf[k] == LossKind.Huber ? delta : 1.0);
            if (loss is null) valid = false;
            else result.Add((loss, weights[k]));
        }
        return valid ? result : null;
    }

    private static bool IsCrossEntropy(LossKind kind) =>
        kind is LossKind.SparseCategoricalCrossentropy or LossKind.CategoricalCrossentropy or LossKind.BinaryCrossentropy;

    /// <summary>The values of the array-valued named argument <paramref name="name"/>, or null when it is not set (or set to null).</summary>
    private static System.Collections.Immutable.ImmutableArray<TypedConstant>? NamedArray(LayerAttributeData compile, string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in compile.Data.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull) return argument.Value.Values;
        }
        return null;
    }

    /// <summary>The loss <paramref name="kind"/> on <paramref name="output"/>, and how it reads it; null after a diagnostic.</summary>
    private static LossSpec? Loss(LayerAttributeData compile, LayerSpec output, LossKind kind, bool fromLogits, double huberDelta)
    {
        ActivationKind outputActivation = output switch
        {
            DenseSpec dense => dense.Activation,
            ActivationLayerSpec activation => activation.Activation,
            _ => ActivationKind.Linear,
        };
        if (output.OutputShape.Rank != 1)
        {
            compile.Report(DiagnosticDescriptors.LossOutputMismatch, kind.ToString(), output.Name, output.OutputShape.WithBatch,
                "losses need one dimension per sample here; add [Flatten] and a [Dense] output layer");
            return null;
        }
        int units = output.OutputShape.Size;
        if ((kind is LossKind.SparseCategoricalCrossentropy or LossKind.CategoricalCrossentropy) && units < 2)
        {
            compile.Report(DiagnosticDescriptors.LossOutputMismatch, kind.ToString(), output.Name, output.OutputShape.WithBatch,
                "a categorical cross-entropy needs one output unit per class (at least 2); for two classes with one unit use BinaryCrossentropy");
            return null;
        }
        if (fromLogits && outputActivation is ActivationKind.Softmax or ActivationKind.Sigmoid)
        {
            compile.Report(DiagnosticDescriptors.FromLogitsAfterActivation, output.Name, outputActivation.ToString().ToLowerInvariant());
            return null;
        }
        bool fusable = !fromLogits && (kind is LossKind.SparseCategoricalCrossentropy or LossKind.CategoricalCrossentropy
            ? outputActivation == ActivationKind.Softmax
            : kind == LossKind.BinaryCrossentropy && outputActivation == ActivationKind.Sigmoid);
        LossInput input = fusable ? LossInput.FusedActivationLogits : fromLogits ? LossInput.OutputLogits : LossInput.Output;
        return new LossSpec(kind, fromLogits, input, huberDelta);
    }

    public static OptimizerSpec? Optimizer(LayerAttributeData compile)
    {
        string text = compile.Text;
        OptimizerKind? parsed = compile.Enum<OptimizerKind>(compile.Argument(1), "optimizer");
        if (parsed is null) return null;
        OptimizerKind kind = parsed.Value;
        bool valid = true;
        void Fail(DiagnosticDescriptor descriptor, params object[] arguments)
        {
            compile.Report(descriptor, arguments);
            valid = false;
        }

        // Options the kind does not read (Keras: an unexpected keyword argument of its constructor).
        const string AdamFamily = "Optimizer.Adam, Optimizer.AdamW and Optimizer.Nadam only";
        void AppliesTo(string option, bool applies, string optimizers)
        {
            if (!applies && compile.HasNamed(option))
                Fail(DiagnosticDescriptors.OptimizerOptionNotApplicable, text, option, optimizers, kind.ToString());
        }
        AppliesTo("Momentum", kind is OptimizerKind.Sgd or OptimizerKind.RmsProp, "Optimizer.Sgd and Optimizer.RmsProp only");
        AppliesTo("Nesterov", kind is OptimizerKind.Sgd, "Optimizer.Sgd only");
        AppliesTo("Beta1", kind is OptimizerKind.Adam or OptimizerKind.AdamW or OptimizerKind.Nadam, AdamFamily);
        AppliesTo("Beta2", kind is OptimizerKind.Adam or OptimizerKind.AdamW or OptimizerKind.Nadam, AdamFamily);
        AppliesTo("Epsilon", kind is not OptimizerKind.Sgd, "every optimizer but Optimizer.Sgd");
        AppliesTo("Amsgrad", kind is OptimizerKind.Adam or OptimizerKind.AdamW, "Optimizer.Adam and Optimizer.AdamW only");
        AppliesTo("Rho", kind is OptimizerKind.RmsProp or OptimizerKind.Adadelta, "Optimizer.RmsProp and Optimizer.Adadelta only");
        AppliesTo("Centered", kind is OptimizerKind.RmsProp, "Optimizer.RmsProp only");
        AppliesTo("InitialAccumulatorValue", kind is OptimizerKind.Adagrad, "Optimizer.Adagrad only");

        // Keras's defaults where they depend on the kind (NaN in the attribute means "Keras's default").
        double learningRate = compile.Named("LearningRate", double.NaN);
        if (double.IsNaN(learningRate)) learningRate = kind == OptimizerKind.Sgd ? 0.01 : 0.001;
        double rho = compile.Named("Rho", double.NaN);
        if (double.IsNaN(rho)) rho = kind == OptimizerKind.Adadelta ? 0.95 : 0.9;
        double weightDecay = compile.Named("WeightDecay", double.NaN);
        if (double.IsNaN(weightDecay) && kind == OptimizerKind.AdamW) weightDecay = 0.004;
        double momentum = compile.Named("Momentum", 0.0);
        bool nesterov = compile.Named("Nesterov", false);
        double beta1 = compile.Named("Beta1", 0.9), beta2 = compile.Named("Beta2", 0.999), epsilon = compile.Named("Epsilon", 1e-7);
        double initialAccumulator = compile.Named("InitialAccumulatorValue", 0.1);

        void InRange(string option, double value, bool ok, string expected)
        {
            if (!ok) Fail(DiagnosticDescriptors.OptimizerValueOutOfRange, text, option, expected, LayerAttributeData.Format(value));
        }
        InRange("LearningRate", learningRate, learningRate >= 0 && !double.IsInfinity(learningRate), "a finite number >= 0");
        InRange("Momentum", momentum, momentum >= 0 && momentum <= 1, "in [0, 1]");
        InRange("Beta1", beta1, beta1 >= 0 && beta1 < 1, "in [0, 1)");
        InRange("Beta2", beta2, beta2 >= 0 && beta2 < 1, "in [0, 1)");
        // Keras accepts ε = 0, but then a zero gradient gives 0/0 (Adam, Nadam, RMSprop, Adagrad with a zero
        // accumulator) and Adadelta never moves (its first step is √ε·…); ε > 0 is what every optimizer needs.
        InRange("Epsilon", epsilon, epsilon > 0 && !double.IsInfinity(epsilon), "a finite number > 0");
        InRange("Rho", rho, rho >= 0 && rho < 1, "in [0, 1)");
        InRange("InitialAccumulatorValue", initialAccumulator, initialAccumulator >= 0 && !double.IsInfinity(initialAccumulator), "a finite number >= 0");
        InRange("WeightDecay", weightDecay, double.IsNaN(weightDecay) || (weightDecay >= 0 && !double.IsInfinity(weightDecay)), "a finite number >= 0");
        if (nesterov && momentum == 0)
            Fail(DiagnosticDescriptors.OptimizerOptionNeedsAnother, text, "Nesterov = true", "Momentum > 0 (Nesterov momentum without momentum does nothing)", "Momentum = 0");

        // Gradient clipping: at most one mode (Keras 3's rule; tf.keras 2 rejects ClipNorm with GlobalClipNorm and
        // silently ignores ClipValue next to either).
        var clips = new List<(GradientClipKind Kind, double Threshold)>();
        foreach (GradientClipKind clip in new[] { GradientClipKind.ClipNorm, GradientClipKind.ClipValue, GradientClipKind.GlobalClipNorm })
        {
            double threshold = compile.Named(clip.ToString(), double.NaN);
            if (double.IsNaN(threshold)) continue;
            InRange(clip.ToString(), threshold, threshold > 0 && !double.IsInfinity(threshold), "a finite number > 0");
            clips.Add((clip, threshold));
        }
        if (clips.Count > 1)
            Fail(DiagnosticDescriptors.ConflictingClipOptions, text, string.Join(" and ", clips.Select(c => $"{c.Kind} = {LayerAttributeData.Format(c.Threshold)}")));

        if (!valid) return null;
        return new OptimizerSpec
        {
            Kind = kind,
            LearningRate = learningRate,
            Momentum = momentum,
            Nesterov = nesterov,
            Beta1 = beta1,
            Beta2 = beta2,
            Epsilon = epsilon,
            Amsgrad = compile.Named("Amsgrad", false),
            Rho = rho,
            Centered = compile.Named("Centered", false),
            InitialAccumulatorValue = initialAccumulator,
            WeightDecay = weightDecay,
            Clipping = clips.Count == 0 ? GradientClipKind.None : clips[0].Kind,
            ClipThreshold = clips.Count == 0 ? double.NaN : clips[0].Threshold,
        };
    }

    public static EquatableArray<MetricKind> Metrics(LayerAttributeData compile)
    {
        var metrics = new List<MetricKind>();
        foreach (KeyValuePair<string, TypedConstant> argument in compile.Data.NamedArguments)
        {
            // Metrics = null is Keras's metrics=None: no metrics.
            if (argument.Key != "Metrics" || argument.Value.Kind != TypedConstantKind.Array || argument.Value.IsNull) continue;
            foreach (TypedConstant value in argument.Value.Values)
            {
                MetricKind? metric = compile.Enum<MetricKind>(value, "metric");
                if (metric is not null && !metrics.Contains(metric.Value)) metrics.Add(metric.Value);
            }
        }
        return metrics.ToEquatableArray();
    }

    /// <summary>
    /// NG0050 when a top-k metric does not fit the labels the loss takes: Keras's <c>top_k_categorical_accuracy</c>
    /// reads one-hot rows (the class is the row's argmax), <c>sparse_top_k_categorical_accuracy</c> class indices.
    /// </summary>
    public static bool MetricsFitTheLabels(LayerAttributeData compile, EquatableArray<MetricKind> metrics, LossSpec loss)
    {
        bool sparseLabels = loss.Kind == LossKind.SparseCategoricalCrossentropy;
        bool ok = true;
        foreach (MetricKind metric in metrics)
        {
            if (metric == MetricKind.TopKCategoricalAccuracy && sparseLabels)
            {
                compile.Report(DiagnosticDescriptors.MetricLabelMismatch, compile.Text, "Metric.TopKCategoricalAccuracy",
                    "one-hot labels (one value per output unit)", "Loss.SparseCategoricalCrossentropy, whose labels are class indices; use Metric.SparseTopKCategoricalAccuracy");
                ok = false;
            }
            else if (metric == MetricKind.SparseTopKCategoricalAccuracy && !sparseLabels)
            {
                compile.Report(DiagnosticDescriptors.MetricLabelMismatch, compile.Text, "Metric.SparseTopKCategoricalAccuracy",
                    "class-index labels (Loss.SparseCategoricalCrossentropy)", $"Loss.{loss.Kind}, whose labels have one value per output unit; use Metric.TopKCategoricalAccuracy");
                ok = false;
            }
        }
        return ok;
    }
}
