using System.Runtime.InteropServices;

namespace Attune.Evaluation;

/// <summary>One line naming the processor, core count, OS and runtime, for reports.</summary>
public static class HardwareDescription
{
    /// <summary>The machine this process runs on.</summary>
    public static string Current()
    {
        var cpu = "unknown CPU";
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
            }
        }
        catch (IOException)
        {
            // The CPU name is decoration; the rest of the line still describes the machine.
        }

        return $"{cpu}, {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }
}
