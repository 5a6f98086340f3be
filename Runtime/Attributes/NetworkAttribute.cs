using System;

namespace NetGen;

/// <summary>
/// Marks a <c>partial class</c> as a NetGen network. The layer attributes on the class, in source order,
/// declare the network; the source generator checks every shape and emits the class's training code.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
}
