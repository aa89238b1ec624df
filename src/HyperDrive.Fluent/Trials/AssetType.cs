namespace HyperDrive.Fluent.Trials;

/// <summary>The type of a data or model input or output (Azure: <c>jobInputType</c> / <c>jobOutputType</c>).</summary>
public enum AssetType
{
    /// <summary>A folder (<c>uri_folder</c>), the default.</summary>
    UriFolder,

    /// <summary>A single file (<c>uri_file</c>).</summary>
    UriFile,

    /// <summary>A table (<c>mltable</c>).</summary>
    MLTable,

    /// <summary>An MLflow model (<c>mlflow_model</c>).</summary>
    MLFlowModel,

    /// <summary>A custom model (<c>custom_model</c>).</summary>
    CustomModel,

    /// <summary>A Triton model (<c>triton_model</c>).</summary>
    TritonModel,
}
