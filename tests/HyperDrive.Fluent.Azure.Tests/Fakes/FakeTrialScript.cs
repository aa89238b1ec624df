namespace HyperDrive.Fluent.Azure.Tests.Fakes;

/// <summary>What one trial of a scripted fake sweep reports (its primary metric's history) and how MLflow shows its end
/// (<c>FINISHED</c>, <c>FAILED</c>, <c>KILLED</c>).</summary>
public sealed record FakeTrialScript(double[] History, string FinalStatus);
