namespace HyperDrive.Fluent.SearchSpaces;

/// <summary>The ten parameter distributions Azure ML sweeps support.</summary>
public enum DistributionKind
{
    /// <summary>One of a list of values (<c>choice</c>).</summary>
    Choice,

    /// <summary>An integer in [0, upper) (<c>randint</c>).</summary>
    RandInt,

    /// <summary>A real uniformly distributed between two bounds (<c>uniform</c>).</summary>
    Uniform,

    /// <summary>A quantized uniform value (<c>quniform</c>).</summary>
    QUniform,

    /// <summary><c>exp(uniform(min, max))</c> (<c>loguniform</c>).</summary>
    LogUniform,

    /// <summary>A quantized log-uniform value (<c>qloguniform</c>).</summary>
    QLogUniform,

    /// <summary>A normally distributed real (<c>normal</c>).</summary>
    Normal,

    /// <summary>A quantized normal value (<c>qnormal</c>).</summary>
    QNormal,

    /// <summary><c>exp(normal(mu, sigma))</c> (<c>lognormal</c>).</summary>
    LogNormal,

    /// <summary>A quantized log-normal value (<c>qlognormal</c>).</summary>
    QLogNormal,
}
