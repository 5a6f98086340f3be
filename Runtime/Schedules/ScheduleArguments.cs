using System;

namespace NetGen;

/// <summary>Argument checks shared by the learning-rate schedules.</summary>
internal static class ScheduleArguments
{
    public static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, "Expected a finite, non-negative number.");

    public static long Positive(long value, string name) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "Expected a positive number of steps.");
}
