using System;
using System.Collections.Generic;
using System.Globalization;

namespace NetGen;

/// <summary>
/// A constant rate per interval of steps (Keras's <c>PiecewiseConstantDecay</c>): <c>values[0]</c> while
/// step ≤ <c>boundaries[0]</c>, <c>values[i]</c> while <c>boundaries[i−1]</c> &lt; step ≤ <c>boundaries[i]</c>, and the last
/// value after the last boundary.
/// </summary>
public sealed class PiecewiseConstantDecay : LearningRateSchedule
{
    private readonly long[] _boundaries;
    private readonly double[] _values;

    /// <summary>Creates the schedule; the parameters are Keras's.</summary>
    /// <param name="boundaries">Non-decreasing step boundaries.</param>
    /// <param name="values">The rates: one more than there are boundaries.</param>
    /// <exception cref="ArgumentException">The counts do not fit, the boundaries decrease, or a rate is negative or not finite.</exception>
    public PiecewiseConstantDecay(IReadOnlyList<long> boundaries, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count != boundaries.Count + 1)
            throw new ArgumentException(
                $"The length of values should be 1 more than the length of boundaries (Keras's rule): found {boundaries.Count} boundaries and {values.Count} values.", nameof(values));
        _boundaries = new long[boundaries.Count];
        _values = new double[values.Count];
        for (int i = 0; i < _boundaries.Length; i++)
        {
            _boundaries[i] = boundaries[i];
            if (i > 0 && _boundaries[i] < _boundaries[i - 1])
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Expected non-decreasing boundaries; found {_boundaries[i - 1]} then {_boundaries[i]} at index {i}."), nameof(boundaries));
        }
        for (int i = 0; i < _values.Length; i++) _values[i] = ScheduleArguments.NonNegative(values[i], $"values[{i}]");
    }

    /// <summary>The step boundaries.</summary>
    public IReadOnlyList<long> Boundaries => _boundaries;

    /// <summary>The rates, one per interval.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <inheritdoc/>
    public override double Evaluate(long step)
    {
        int i = 0;
        while (i < _boundaries.Length && step > _boundaries[i]) i++;
        return _values[i];
    }
}
