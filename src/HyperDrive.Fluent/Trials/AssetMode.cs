namespace HyperDrive.Fluent.Trials;

/// <summary>How a job reaches a data asset (YAML <c>ro_mount</c>, <c>rw_mount</c>, <c>download</c>, <c>direct</c>,
/// <c>upload</c>, <c>eval_mount</c>, <c>eval_download</c>).</summary>
public enum AssetMode
{
    /// <summary>Mounted read-only (<c>ro_mount</c>, REST <c>ReadOnlyMount</c>).</summary>
    ReadOnlyMount,

    /// <summary>Mounted read-write (<c>rw_mount</c>, REST <c>ReadWriteMount</c>).</summary>
    ReadWriteMount,

    /// <summary>Downloaded before the job starts (<c>download</c>).</summary>
    Download,

    /// <summary>Passed as a URI, not mounted (<c>direct</c>).</summary>
    Direct,

    /// <summary>Uploaded when the job ends (<c>upload</c>, outputs only).</summary>
    Upload,

    /// <summary>Evaluation mount (<c>eval_mount</c>, inputs only).</summary>
    EvalMount,

    /// <summary>Evaluation download (<c>eval_download</c>, inputs only).</summary>
    EvalDownload,
}
