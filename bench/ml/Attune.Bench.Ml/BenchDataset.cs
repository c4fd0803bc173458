using System.Runtime.InteropServices;
using System.Text.Json;

namespace Attune.Bench.Ml;

/// <summary>
/// The dataset written by bench/ml/python/gen_data.py: meta.json lists each array as {file, dtype, shape} (raw
/// little-endian, row-major) plus scalar settings, so both benchmark sides read the very same bytes.
/// </summary>
internal sealed class BenchDataset
{
    private readonly string _directory;
    private readonly JsonElement _arrays;

    public BenchDataset(string directory)
    {
        _directory = directory;
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "meta.json")));
        _arrays = meta.RootElement.GetProperty("arrays").Clone();
        Settings = meta.RootElement.GetProperty("settings").Clone();
    }

    public JsonElement Settings { get; }

    public int Int(string setting) => Settings.GetProperty(setting).GetInt32();

    public float Float(string setting) => (float)Settings.GetProperty(setting).GetDouble();

    public int[] IntList(string setting) => Settings.GetProperty(setting).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>Shape of an array, e.g. (pairs, D).</summary>
    public int[] Shape(string name) => _arrays.GetProperty(name).GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    public float[] Float32(string name) => Read<float>(name, "float32");

    public double[] Float64(string name) => Read<double>(name, "float64");

    public int[] Int32(string name) => Read<int>(name, "int32");

    private T[] Read<T>(string name, string dtype)
        where T : unmanaged
    {
        JsonElement entry = _arrays.GetProperty(name);
        string actual = entry.GetProperty("dtype").GetString()!;
        if (actual != dtype)
        {
            throw new InvalidDataException($"{name} is {actual}; expected {dtype}.");
        }

        byte[] bytes = File.ReadAllBytes(Path.Combine(_directory, entry.GetProperty("file").GetString()!));
        long count = entry.GetProperty("shape").EnumerateArray().Aggregate(1L, (n, e) => n * e.GetInt64());
        if (bytes.LongLength != count * Marshal.SizeOf<T>())
        {
            throw new InvalidDataException($"{name}: {bytes.LongLength} bytes for {count} values of {dtype}.");
        }

        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }
}
