using System.Globalization;
using HyperDrive.Fluent.SearchSpaces;

namespace HyperDrive.Fluent.Validation;

/// <summary>
/// <c>loguniform</c>/<c>qloguniform</c> bounds are natural-log exponents (Azure ML: values fall in [e^min, e^max]).
/// Bounds that both look like real values (0 &lt; min &lt; max &lt;= 1, e.g. 0.001..1.0, which samples 1.001..2.718)
/// are almost always meant as the values themselves. The service accepts them, so this is a warning that shows the
/// exponent form.
/// </summary>
internal static class LogBoundsRule
{
    /// <summary>Warns when a log distribution's exponent bounds look like real values.</summary>
    /// <param name="path">The parameter's path (<c>search_space.lr</c>).</param>
    /// <param name="name">The parameter's name.</param>
    /// <param name="distribution">The distribution.</param>
    /// <param name="problems">Receives the warning.</param>
    /// <param name="logBase">The sweep's log base (<c>sampling_algorithm.logbase</c>); e when not set. The bounds are
    /// exponents of it, and the exponent form shown is in it.</param>
    public static void Check(string path, string name, Distribution distribution, ProblemCollector problems,
        double logBase = Math.E)
    {
        var (min, max, helper) = distribution switch
        {
            LogUniformDistribution d => (d.Min, d.Max, "LogUniformBetween"),
            QLogUniformDistribution d => (d.Min, d.Max, "QLogUniformBetween"),
            _ => (0.0, 0.0, null),
        };
        if (helper is null || !(min > 0 && min < max && max <= 1))
        {
            return;
        }

        var q = distribution is QLogUniformDistribution quantized ? ", " + Number(quantized.Q) : string.Empty;
        if (logBase != Math.E)
        {
            // With a log base b the sampler draws b^uniform(min, max) (RandomSampling.LogBase); the DSL's *Between
            // helpers convert with the natural log, so only the YAML form is shown.
            var b = Number(logBase);
            problems.Warning(
                path,
                $"{distribution.TypeName} bounds are exponents of the log base {b}, so '{name}' samples " +
                    $"{b}^{Number(min)}..{b}^{Number(max)} " +
                    $"({Number(Math.Pow(logBase, min), "G4")}..{Number(Math.Pow(logBase, max), "G4")}), not " +
                    $"{Number(min)}..{Number(max)}.",
                $"For values between {Number(min)} and {Number(max)} write min_value: " +
                    $"{Number(Math.Log(min) / Math.Log(logBase), "G6")} and max_value: " +
                    $"{Number(Math.Log(max) / Math.Log(logBase), "G6")} in YAML.");
            return;
        }

        problems.Warning(
            path,
            $"{distribution.TypeName} bounds are natural-log exponents, so '{name}' samples " +
                $"e^{Number(min)}..e^{Number(max)} ({Number(Math.Exp(min), "G4")}..{Number(Math.Exp(max), "G4")}), " +
                $"not {Number(min)}..{Number(max)}.",
            $"For values between {Number(min)} and {Number(max)} write min_value: {Number(Math.Log(min), "G6")} and " +
                $"max_value: {Number(Math.Log(max), "G6")} in YAML, or Distributions.{helper}({Number(min)}, " +
                $"{Number(max)}{q}) in C#.");
    }

    private static string Number(double value, string format = "R") =>
        value.ToString(format, CultureInfo.InvariantCulture);
}
