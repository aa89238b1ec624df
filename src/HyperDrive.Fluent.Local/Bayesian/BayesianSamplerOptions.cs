namespace HyperDrive.Fluent.Local.Bayesian;

/// <summary>Tuning of the Bayesian sampler; the defaults are what the benchmark under benchmarks/Samplers
/// measured.</summary>
internal sealed record BayesianSamplerOptions
{
    /// <summary>Gets the default options.</summary>
    public static BayesianSamplerOptions Default { get; } = new();

    /// <summary>Gets the number of Sobol points proposed before the model takes over, or <see langword="null"/> for
    /// <c>max(5, 2 × parameters)</c>. Earlier trials (warm start included) count toward it.</summary>
    public int? InitialDesign { get; init; }

    /// <summary>Gets the kernel hyperparameter priors and bounds.</summary>
    public HyperparameterPrior Prior { get; init; } = HyperparameterPrior.Default;

    /// <summary>Gets the number of starts of the hyperparameter fit while the data are small (≤ 60 points); one start,
    /// with two thirds of the iterations, above.</summary>
    public int FitStarts { get; init; } = 4;

    /// <summary>Gets the iteration cap of each hyperparameter fit start.</summary>
    public int FitIterations { get; init; } = 60;

    /// <summary>Gets the number of finished trials up to which the hyperparameters are refitted at every proposal;
    /// above it they are refitted when the count reaches a multiple of 2^⌊log2(count/20)⌋ and reused in
    /// between.</summary>
    public int RefitEveryProposalUpTo { get; init; } = 40;

    /// <summary>Gets the most finished trials the hyperparameters are fitted on (the best quarter plus an even stride
    /// over the rest when there are more); the posterior always uses every trial.</summary>
    public int MaxFitPoints { get; init; } = 96;

    /// <summary>Gets the work budget of the candidate screen (candidates × (n² + n·d)); the candidate count is this
    /// divided by the per-candidate cost, clamped to [<see cref="MinCandidates"/>,
    /// <see cref="MaxCandidates"/>].</summary>
    public double CandidateBudget { get; init; } = 4e6;

    /// <summary>Gets the fewest acquisition candidates.</summary>
    public int MinCandidates { get; init; } = 128;

    /// <summary>Gets the most acquisition candidates.</summary>
    public int MaxCandidates { get; init; } = 2048;

    /// <summary>Gets how many of the best candidates are refined locally (at most 2, with at most 20 iterations each,
    /// past 100 trials, to keep proposals fast).</summary>
    public int Refinements { get; init; } = 4;

    /// <summary>Gets the iteration cap of each local refinement.</summary>
    public int RefinementIterations { get; init; } = 30;

    /// <summary>Gets how the objective values are reshaped before the fit (robust to diverging trials).</summary>
    public OutputWarping Warping { get; init; } = OutputWarping.Auto;

    /// <summary>Gets whether <see cref="OutputWarping.Auto"/>, when the early values do not already call for ranks,
    /// picks between plain standardization and ranks by which model predicts the order of the better half of the
    /// finished trials better out of sample (leave-one-out; see <see cref="BayesianSampler"/>). On by default; off
    /// gives the early-values rule alone (for A/B runs).</summary>
    public bool SelectWarpingByLeaveOneOut { get; init; } = true;

    /// <summary>Gets by how much the ranks' leave-one-out rank correlation must exceed plain standardization's to be
    /// chosen.</summary>
    public double WarpingSelectionMargin { get; init; } = 0.05;

    /// <summary>Gets the share of the best finished trials the leave-one-out rank correlation is computed on (at least
    /// 6 trials).</summary>
    public double WarpingSelectionShare { get; init; } = 0.5;

    /// <summary>Gets whether a choice's one-hot coordinates share one length scale (an overlap kernel on the choice)
    /// rather than one each.</summary>
    public bool SharedChoiceLengthScale { get; init; } = true;
}
