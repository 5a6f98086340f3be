using System;

namespace NetGen;

public abstract partial class Model
{
    // Fit's training batches form one stream: passes over the training data, each a new permutation (when shuffling)
    // cut into ceil(N / batch) batches, the last one partial. An epoch takes the next `steps` batches of the stream:
    // without stepsPerEpoch that is exactly one pass per epoch; with fewer steps, the next epoch continues the pass where
    // the last one stopped, and an epoch may end in one pass and go on in the next. This is tf.keras 2's array adapter
    // (one iterator over repeated permutations, never recreated between epochs); see FitOptions.StepsPerEpoch.
    //
    // The position in the current pass is kept on the model, so that a training checkpoint written at an epoch's end
    // (BackupAndRestore) records it and a resumed run continues the same pass, bit-identical to the run that was not
    // interrupted. A new Fit starts a new pass, as a new Keras fit builds a new iterator, unless a checkpoint loaded
    // since the last Fit holds a pass over data of the same size.
    private int _passOffset;                                   // samples of the current pass already trained; 0: the next batch starts a new pass
    private int _passSamples;                                  // the training sample count of the current pass
    private readonly ulong[] _passShuffleState = new ulong[4]; // the shuffling stream's state before the current pass's permutation
    private bool _continueLoadedPass;                          // a loaded checkpoint's pass awaits the next Fit

    /// <summary>
    /// Checks Keras's <c>steps_per_epoch</c> against the batches one pass over the training data makes: an epoch can take
    /// at most one pass's batches.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepsPerEpoch"/> is below 1 or exceeds <paramref name="batchesPerPass"/>.</exception>
    private static int CheckStepsPerEpoch(int stepsPerEpoch, int batchesPerPass, int batchSize, int samples)
    {
        // Keras with arrays does not stop at too many steps: it warns "Your input ran out of data; interrupting training"
        // when the data runs out, and the epoch (or the whole run) ends early. Asking for more batches than the data
        // makes is caught before anything trains instead.
        if (stepsPerEpoch < 1 || stepsPerEpoch > batchesPerPass)
            throw new ArgumentOutOfRangeException(nameof(stepsPerEpoch), stepsPerEpoch,
                $"stepsPerEpoch must be between 1 and {batchesPerPass}: {samples} training samples in batches of {batchSize} make {batchesPerPass} batches per pass; found {stepsPerEpoch}. " +
                "Keras stops with \"Your input ran out of data\" when an epoch asks for more batches than the data has; use a smaller stepsPerEpoch, or null for one pass per epoch.");
        return stepsPerEpoch;
    }

    /// <summary>
    /// Sets up the batch stream of a <see cref="Fit"/> over <paramref name="order"/>.Length samples: a new pass, or the
    /// pass a checkpoint loaded since the last Fit was in (same sample count), continued at its position.
    /// </summary>
    private void StartPasses(int[] order, bool shuffle)
    {
        bool continuePass = _continueLoadedPass && _passOffset > 0 && _passSamples == order.Length;
        _continueLoadedPass = false;
        _passSamples = order.Length;
        if (!continuePass)
        {
            _passOffset = 0;
            return;
        }
        // The checkpoint restored the shuffling stream to its state before that pass's permutation: drawing it again
        // gives the same order and leaves the stream where the interrupted run had it.
        int offset = _passOffset;
        BeginPass(order, shuffle);
        _passOffset = offset;
    }

    /// <summary>
    /// Starts a pass: <paramref name="order"/> becomes the identity, permuted when <paramref name="shuffle"/> is set.
    /// Every pass is drawn from the identity, as Keras does (so, passes not being split by stepsPerEpoch, Fit(1) twice
    /// equals Fit(2) once).
    /// </summary>
    private void BeginPass(int[] order, bool shuffle)
    {
        ShuffleRandom.CopyStateTo(_passShuffleState);
        for (int i = 0; i < order.Length; i++) order[i] = i;
        if (shuffle) ShuffleRandom.Shuffle(order);
        _passOffset = 0;
    }
}
