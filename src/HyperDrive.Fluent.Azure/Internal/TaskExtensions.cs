namespace HyperDrive.Fluent.Azure.Internal;

/// <summary>Completes a value task started with <c>async: false</c> (which finishes synchronously).</summary>
internal static class TaskExtensions
{
    public static T EnsureCompleted<T>(this ValueTask<T> task) =>
        task.IsCompleted ? task.Result : task.AsTask().GetAwaiter().GetResult();

    public static void EnsureCompleted(this ValueTask task)
    {
        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
        }
        else
        {
            task.AsTask().GetAwaiter().GetResult();
        }
    }
}
