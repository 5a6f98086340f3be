namespace NetGen;

/// <summary>How much <c>Fit</c> and <c>Evaluate</c> print (Keras's <c>verbose</c> 0, 1 and 2).</summary>
public enum Verbosity
{
    /// <summary>Nothing (Keras's <c>verbose=0</c>).</summary>
    Silent = 0,

    /// <summary>A progress bar per epoch, live on a terminal, one line per epoch when the output is redirected (Keras's <c>verbose=1</c>, the default).</summary>
    ProgressBar = 1,

    /// <summary>One line per epoch (Keras's <c>verbose=2</c>).</summary>
    OneLinePerEpoch = 2,
}
