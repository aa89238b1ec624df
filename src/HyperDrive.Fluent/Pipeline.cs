namespace HyperDrive.Fluent;

/// <summary>The entry point of the pipeline DSL.</summary>
/// <example>
/// <code>
/// PipelineDefinition pipeline = Pipeline.Create("ridge-pipeline")
///     .Input("raw_data", JobInput.UriFile("data/diabetes.csv"))
///     .Step("prep", "01_prep.py", s => s.Input("--raw", BindingInput.ToPipelineInput("raw_data")).Output("--data"))
///     .Sweep("tune", Sweep.For("02_train.py")
///         .Sample("--alpha", Uniform(0.05, 1.0))
///         .BindInput("--data", "prep", "data")
///         .Output("--model")
///         .Maximize("r2").Bandit(2, 0.1).Runs(4, 2))
///     .RegisterBestModel("tune", "model", "ridge-model")
///     .Build();
/// </code>
/// </example>
public static class Pipeline
{
    /// <summary>Starts a pipeline.</summary>
    /// <param name="name">The pipeline job's name (Azure job-name pattern), used as its id.</param>
    /// <returns>A new builder.</returns>
    public static PipelineBuilder Create(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new PipelineBuilder(name);
    }
}
