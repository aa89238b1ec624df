namespace HyperDrive.Fluent.Serialization;

/// <summary>One numeric argument of a distribution: its Azure ML field name (<c>upper</c>, <c>min_value</c>, <c>mu</c>,
/// <c>q</c>, ...) and its value, an integer for randint's <c>upper</c> and a real for every other argument.</summary>
/// <param name="Name">The field name Azure ML gives the argument.</param>
/// <param name="Integer">The value when the argument is an integer; otherwise <see langword="null"/>.</param>
/// <param name="Real">The value when the argument is a real.</param>
internal readonly record struct DistributionArgument(string Name, long? Integer, double Real)
{
    public static DistributionArgument ForInteger(string name, long value) => new(name, value, 0);

    public static DistributionArgument ForReal(string name, double value) => new(name, null, value);
}
