using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using Xunit.Sdk;

namespace NetGen.Tests;

/// <summary>
/// Runs the [Fact] and [Theory] methods of test classes the way xunit does (a new instance per test case, the rows of
/// their InlineData and MemberData attributes, Skip honoured), in process and without xunit's runner, which needs a
/// test host and loads assemblies by path (neither is available to a NativeAOT binary under emulation).
/// </summary>
internal static class TestRunner
{
    /// <summary>Runs the tests whose <c>Class.Method</c> contains <paramref name="filter"/>; true when none failed.</summary>
    public static bool Run(IEnumerable<Type> testClasses, string filter)
    {
        int passed = 0, failed = 0, skipped = 0;
        var clock = Stopwatch.StartNew();
        foreach (Type testClass in testClasses)
        {
            int classPassed = 0, classFailed = 0;
            foreach (MethodInfo method in testClass.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                string name = $"{testClass.Name}.{method.Name}";
                if (method.GetCustomAttribute<FactAttribute>() is not { } fact || !name.Contains(filter, StringComparison.Ordinal)) continue;
                if (fact.Skip is not null)
                {
                    skipped++;
                    continue;
                }
                foreach (object?[] row in Rows(method, fact))
                {
                    string? failure = RunCase(testClass, method, row);
                    if (failure is null)
                    {
                        classPassed++;
                        continue;
                    }
                    classFailed++;
                    Console.WriteLine($"FAIL {name}({string.Join(", ", row)}): {failure}");
                }
            }
            Console.WriteLine($"{testClass.Name}: {classPassed} passed, {classFailed} failed");
            passed += classPassed;
            failed += classFailed;
        }
        Console.WriteLine($"Kernel tests finished in {clock.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"Total: {passed} passed, {failed} failed, {skipped} skipped");
        return failed == 0 && passed > 0;
    }

    /// <summary>A fact's single empty row, or a theory's rows from its data attributes.</summary>
    private static IEnumerable<object?[]> Rows(MethodInfo method, FactAttribute fact) =>
        fact is TheoryAttribute
            ? method.GetCustomAttributes<DataAttribute>().SelectMany(data => data.GetData(method))
            : [[]];

    /// <summary>Runs one test case on a new instance of its class; null when it passed, else why it failed.</summary>
    private static string? RunCase(Type testClass, MethodInfo method, object?[] row)
    {
        object? instance = null;
        try
        {
            instance = method.IsStatic ? null : Activator.CreateInstance(testClass);
            method.Invoke(instance, row);
            return null;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            return exception.InnerException.Message;
        }
        catch (Exception exception)
        {
            return $"{exception.GetType().Name}: {exception.Message}";
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }
}
