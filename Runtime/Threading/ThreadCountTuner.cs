using System;

namespace NetGen;

/// <summary>
/// Chooses, while <see cref="Model.Fit"/> runs, whether its steps use <see cref="Model.Threads"/> threads or one, by
/// timing steps on each. On a virtual machine the second vCPU may deliver much less than the first, and for a while
/// nothing at all; a step split over a stalled core then waits for it. Kernels partition their work the same way
/// whatever the thread count, so the choice changes only the speed, never the bits.
/// </summary>
/// <remarks>
/// A trial runs <see cref="WarmupSteps"/> + <see cref="MeasuredSteps"/> steps on each count and keeps the one with the
/// lower median, switching only when the other is faster by more than <see cref="SwitchMargin"/> allows. The next
/// trial comes <see cref="FirstInterval"/> steps later, and each trial that confirms the choice doubles that interval,
/// up to <see cref="MaxInterval"/>; a trial that changes it starts again from the first. Between
/// trials the chosen count is timed in windows of <see cref="MeasuredSteps"/> steps, and a window whose median is
/// <see cref="SlowdownForTrial"/> times the trial's starts a trial at once: a core stalled in mid-interval costs a
/// window, not the interval. Allocates nothing per step.
/// </remarks>
internal sealed class ThreadCountTuner
{
    /// <summary>
    /// Steps not timed after a switch: their kernels fetch the data the other core's cache holds (a first layer split by
    /// inputs keeps half of W and its optimizer state in each core's cache; one thread has just pulled all of it over).
    /// </summary>
    internal const int WarmupSteps = 2;

    /// <summary>Steps timed per count in a trial, and per window between trials (odd: the median is one of them).</summary>
    internal const int MeasuredSteps = 7;

    /// <summary>Steps between the first trials.</summary>
    internal const int FirstInterval = 48;

    /// <summary>The longest interval between trials: at a few hundred µs per step, a trial every second or so.</summary>
    internal const int MaxInterval = 3072;

    /// <summary>How much slower than its trial a window of the chosen count must be to start a trial before its time.</summary>
    internal const double SlowdownForTrial = 1.3;

    /// <summary>
    /// How much faster the other count must be for a trial to switch to it: medians of 7 noisy steps that differ by
    /// less are a tie, and a switch on a tie costs the steps until the next trial on a count that may be the slower.
    /// </summary>
    internal const double SwitchMargin = 0.97;

    private readonly long[] _window = new long[MeasuredSteps];
    private readonly long[] _sorted = new long[MeasuredSteps];
    private int _many;
    private int _chosen;
    private long _chosenMedian;
    private int _interval = FirstInterval;
    private int _stepsToTrial;
    private Phase _phase = Phase.TrialMany;
    private int _untimedSteps = WarmupSteps; // the first steps of Fit are cold too
    private int _timedSteps;
    private long _manyMedian;

    private enum Phase
    {
        /// <summary>Timing the many-thread steps of a trial.</summary>
        TrialMany,

        /// <summary>Timing the one-thread steps of a trial.</summary>
        TrialOne,

        /// <summary>Running the chosen count until the next trial, in timed windows.</summary>
        Chosen,
    }

    /// <summary>Starts with a trial of <paramref name="threads"/> (the model's <see cref="Model.Threads"/>) against one.</summary>
    public ThreadCountTuner(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 2);
        _many = threads;
        _chosen = threads;
    }

    /// <summary>The thread count of the next step.</summary>
    public int Threads => _phase switch
    {
        Phase.TrialMany => _many,
        Phase.TrialOne => 1,
        _ => _chosen,
    };

    /// <summary>The number of trials so far (each compares the two counts once).</summary>
    public int Trials { get; private set; }

    /// <summary>Steps run on one thread so far, trials included.</summary>
    public long StepsOnOneThread { get; private set; }

    /// <summary>Steps run on <see cref="Model.Threads"/> threads so far, trials included.</summary>
    public long StepsOnManyThreads { get; private set; }

    /// <summary>The time of the steps run on one thread so far, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public long TicksOnOneThread { get; private set; }

    /// <summary>The time of the steps run on <see cref="Model.Threads"/> threads so far, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public long TicksOnManyThreads { get; private set; }

    /// <summary>
    /// Follows a change of <see cref="Model.Threads"/> between steps: the new count is trialled against one at once.
    /// </summary>
    public void SetThreads(int threads)
    {
        if (threads == _many) return;
        _many = Math.Max(threads, 2);
        _interval = FirstInterval;
        StartTrial();
    }

    /// <summary>Records how long the step just run on <see cref="Threads"/> took, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public void Record(long elapsedTicks)
    {
        if (Threads == 1)
        {
            StepsOnOneThread++;
            TicksOnOneThread += elapsedTicks;
        }
        else
        {
            StepsOnManyThreads++;
            TicksOnManyThreads += elapsedTicks;
        }

        switch (_phase)
        {
            case Phase.TrialMany:
                if (Collect(elapsedTicks))
                {
                    _manyMedian = Median();
                    Enter(Phase.TrialOne, switched: true);
                }
                break;
            case Phase.TrialOne:
                if (Collect(elapsedTicks)) FinishTrial(oneMedian: Median());
                break;
            default:
                _stepsToTrial--;
                bool slowedDown = Collect(elapsedTicks) && Median() > SlowdownForTrial * _chosenMedian;
                if (slowedDown || _stepsToTrial <= 0) StartTrial();
                break;
        }
    }

    /// <summary>Adds a step to the current window (unless it is a warm-up step); true when the window is full (and then starts the next).</summary>
    private bool Collect(long elapsedTicks)
    {
        if (_untimedSteps > 0)
        {
            _untimedSteps--;
            return false;
        }
        _window[_timedSteps++] = elapsedTicks;
        if (_timedSteps < MeasuredSteps) return false;
        _timedSteps = 0;
        return true;
    }

    /// <summary>Starts <paramref name="phase"/> with an empty window, after warm-up steps when the thread count just changed.</summary>
    private void Enter(Phase phase, bool switched)
    {
        _phase = phase;
        _timedSteps = 0;
        _untimedSteps = switched ? WarmupSteps : 0;
    }

    private long Median()
    {
        _window.CopyTo(_sorted, 0);
        Array.Sort(_sorted);
        return _sorted[MeasuredSteps / 2];
    }

    private void FinishTrial(long oneMedian)
    {
        Trials++;
        int winner = _chosen == _many
            ? oneMedian < SwitchMargin * _manyMedian ? 1 : _many
            : _manyMedian < SwitchMargin * oneMedian ? _many : 1;
        _interval = winner == _chosen ? Math.Min(_interval * 2, MaxInterval) : FirstInterval;
        _chosen = winner;
        _chosenMedian = winner == 1 ? oneMedian : _manyMedian;
        _stepsToTrial = _interval;
        Enter(Phase.Chosen, switched: winner != 1); // the trial ended on one thread
    }

    private void StartTrial() => Enter(Phase.TrialMany, switched: _chosen != _many);
}
