using System.Text;
using Attune.Rpc;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Attune.Gateway.Rest;

/// <summary>
/// One REST request turned into one backend call: the body parsed with the proto3 JSON mapping (unknown fields are an
/// error; an empty body is the empty message), the reply written with it (default values included, so a client sees
/// every field), a gRPC error as its HTTP status and a JSON error body.
/// </summary>
public static class RestCall
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>Parses the body as <typeparamref name="TBody"/>, calls <paramref name="call"/> and writes its reply.</summary>
    public static async Task HandleAsync<TBody, TReply>(HttpContext http, Func<TBody, Task<TReply>> call)
        where TBody : IMessage<TBody>, new()
        where TReply : IMessage
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(call);
        string text;
        try
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            text = await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await RestErrors.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, StatusCode.ResourceExhausted, "Request body exceeds the gateway's limit.");
            return;
        }

        TBody body;
        try
        {
            body = string.IsNullOrWhiteSpace(text) ? new TBody() : Parser.Parse<TBody>(text);
        }
        catch (Exception e) when (e is InvalidJsonException or InvalidProtocolBufferException or FormatException)
        {
            await RestErrors.WriteAsync(http, StatusCodes.Status400BadRequest, StatusCode.InvalidArgument, $"The JSON body is not a valid {new TBody().Descriptor.Name}: {e.Message}");
            return;
        }

        await ReplyAsync(http, () => call(body));
    }

    /// <summary>Calls <paramref name="call"/> (no body) and writes its reply or error.</summary>
    public static async Task ReplyAsync<TReply>(HttpContext http, Func<Task<TReply>> call)
        where TReply : IMessage
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(call);
        TReply reply;
        try
        {
            reply = await call();
        }
        catch (RpcException e)
        {
            if (!http.RequestAborted.IsCancellationRequested)
            {
                await RestErrors.WriteAsync(http, e);
            }

            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(Formatter.Format(reply), http.RequestAborted);
    }
}
