using System.Numerics;
using System.Runtime.InteropServices;

namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>
/// The Matérn-5/2 correlation <c>(1 + √5 r + 5r²/3)·exp(−√5 r)</c> of a scaled distance <c>r</c>, and the vector
/// helpers the kernel math shares.
/// </summary>
internal static class Matern52
{
    /// <summary>√5.</summary>
    public const double Sqrt5 = 2.2360679774997896964;

    /// <summary>Gets the correlation at scaled distance <paramref name="r"/>.</summary>
    /// <param name="r">The distance in length-scale units (0 or more).</param>
    /// <returns>The correlation, in (0, 1].</returns>
    public static double Correlation(double r)
    {
        var s = Sqrt5 * r;
        return (1.0 + s + (s * s / 3.0)) * Math.Exp(-s);
    }

    /// <summary>
    /// Gets <c>−(1/r)·dCorrelation/dr = (5/3)(1 + √5 r)·exp(−√5 r)</c>, finite at 0: the factor that turns a squared
    /// coordinate difference into the derivative with respect to that coordinate or its log length scale.
    /// </summary>
    /// <param name="r">The distance in length-scale units.</param>
    /// <returns>The factor.</returns>
    public static double GradientFactor(double r)
    {
        var s = Sqrt5 * r;
        return 5.0 / 3.0 * (1.0 + s) * Math.Exp(-s);
    }

    /// <summary>Gets the scaled distance between two points already divided by their length scales.</summary>
    /// <param name="a">A scaled point.</param>
    /// <param name="b">Another.</param>
    /// <returns>The Euclidean distance.</returns>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++)
        {
            var t = a[d] - b[d];
            sum += t * t;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Gets the dot product of two equal-length vectors, with SIMD where the hardware has it.</summary>
    /// <param name="a">A vector.</param>
    /// <param name="b">Another.</param>
    /// <returns>The dot product.</returns>
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var i = 0;
        var sum = 0.0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count * 2)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            var acc0 = Vector<double>.Zero;
            var acc1 = Vector<double>.Zero;
            var v = 0;
            for (; v + 1 < va.Length; v += 2)
            {
                acc0 += va[v] * vb[v];
                acc1 += va[v + 1] * vb[v + 1];
            }

            for (; v < va.Length; v++)
            {
                acc0 += va[v] * vb[v];
            }

            sum = Vector.Dot(acc0 + acc1, Vector<double>.One);
            i = va.Length * Vector<double>.Count;
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
