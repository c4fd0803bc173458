namespace Attune.Rpc.Internal;

/// <summary>Decodes base64 with or without padding, as gRPC peers may send either for <c>-bin</c> metadata.</summary>
internal static class Base64Lenient
{
    public static byte[] Decode(string value)
    {
        var padding = (4 - (value.Length % 4)) % 4;
        if (padding is 1 or 2)
        {
            value += new string('=', padding);
        }

        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            throw new RpcException(StatusCode.Internal, "Invalid base64 in binary metadata.");
        }
    }
}
