using System;

namespace NetGen;

public abstract partial class Model
{
    /// <summary>
    /// Saves every weight to a safetensors file (keyed by Keras names, Keras layouts, little-endian float32), atomically.
    /// </summary>
    public void SaveWeights(string path) => throw new NotImplementedException("SaveWeights is being written (issue 5).");

    /// <summary>Loads weights saved by <see cref="SaveWeights"/>; the model is unchanged if anything is wrong.</summary>
    public void LoadWeights(string path) => throw new NotImplementedException("LoadWeights is being written (issue 5).");
}
