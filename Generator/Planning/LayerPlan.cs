using NetGen.Generator.Helpers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Planning;

/// <summary>
/// What the plan decided for one layer: whether it runs backward, where its output gradient lives, how each input's
/// gradient is handed back, and its share of the network's work (for the threading rules).
/// </summary>
/// <param name="Layer">The layer's spec.</param>
/// <param name="Live">Whether the network's output depends on this layer (a dead layer runs forward only).</param>
/// <param name="OutputGradientField">The field holding d{Index} in the backward pass.</param>
/// <param name="InputGradients">Per input, how its gradient goes back.</param>
/// <param name="SplitsOverThreads">Whether the layer's products split over threads (<see cref="Planner.SplitMinimumMultiplyAdds"/>).</param>
/// <param name="CarriesMostOfTheWork">Whether the layer does at least half of the network's multiply-adds.</param>
/// <param name="MayReadInputSplit">Whether the layer may split its products by input features (the first layer with weights, whose W starts the flat buffer).</param>
/// <param name="InferenceOnly">The network is inference-only: the layer runs forward in inference mode only, and keeps nothing for a backward pass.</param>
internal sealed record LayerPlan(LayerSpec Layer, bool Live, string OutputGradientField, EquatableArray<InputGradientPlan> InputGradients,
    bool SplitsOverThreads, bool CarriesMostOfTheWork, bool MayReadInputSplit, bool InferenceOnly = false)
{
    public int Index => Layer.Index;
}
