using Attune.Rpc.Reflection.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Attune.Rpc;

/// <summary>
/// Answers grpc.reflection.v1 requests from the descriptors of the mapped services: their files and every file they
/// import, and every symbol (service, method, message, enum, nested or not) defined in them.
/// </summary>
internal sealed class ReflectionIndex
{
    private readonly string[] _services;
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly HashSet<string> _messages = new(StringComparer.Ordinal);

    public ReflectionIndex(IEnumerable<ServiceDescriptor> services)
    {
        var list = services.ToList();
        _services = [.. list.Select(s => s.FullName).Order(StringComparer.Ordinal)];
        foreach (var service in list)
        {
            AddFile(service.File);
        }
    }

    /// <summary>Answers one request; <paramref name="sent"/> holds the files already sent on this stream.</summary>
    public ServerReflectionResponse Answer(ServerReflectionRequest request, HashSet<string> sent)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                list.Service.AddRange(_services.Select(name => new ServiceResponse { Name = name }));
                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, _files.GetValueOrDefault(request.FileByFilename), $"File not found: {request.FileByFilename}", sent);
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, _symbols.GetValueOrDefault(request.FileContainingSymbol), $"Symbol not found: {request.FileContainingSymbol}", sent);
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                response.ErrorResponse = Error(StatusCode.NotFound, $"Extension not found: {request.FileContainingExtension.ContainingType}({request.FileContainingExtension.ExtensionNumber})");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                if (_messages.Contains(request.AllExtensionNumbersOfType))
                {
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = request.AllExtensionNumbersOfType };
                }
                else
                {
                    response.ErrorResponse = Error(StatusCode.NotFound, $"Type not found: {request.AllExtensionNumbersOfType}");
                }

                break;
            default:
                response.ErrorResponse = Error(StatusCode.InvalidArgument, "Empty or unknown reflection request.");
                break;
        }

        return response;
    }

    private static ErrorResponse Error(StatusCode code, string message) => new() { ErrorCode = (int)code, ErrorMessage = message };

    private static void SetFile(ServerReflectionResponse response, FileDescriptor? file, string notFound, HashSet<string> sent)
    {
        if (file is null)
        {
            response.ErrorResponse = Error(StatusCode.NotFound, notFound);
            return;
        }

        // The file itself always, then each transitive import not yet sent on this stream.
        var result = new FileDescriptorResponse();
        result.FileDescriptorProto.Add(file.SerializedData);
        sent.Add(file.Name);
        var pending = new Stack<FileDescriptor>(file.Dependencies);
        while (pending.TryPop(out var dependency))
        {
            if (sent.Add(dependency.Name))
            {
                result.FileDescriptorProto.Add(dependency.SerializedData);
                foreach (var next in dependency.Dependencies)
                {
                    pending.Push(next);
                }
            }
        }

        response.FileDescriptorResponse = result;
    }

    private void AddFile(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }

        foreach (var service in file.Services)
        {
            _symbols.TryAdd(service.FullName, file);
            foreach (var method in service.Methods)
            {
                _symbols.TryAdd(method.FullName, file);
            }
        }

        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }

        foreach (var enumType in file.EnumTypes)
        {
            _symbols.TryAdd(enumType.FullName, file);
        }

        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        _symbols.TryAdd(message.FullName, file);
        _messages.Add(message.FullName);
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }

        foreach (var enumType in message.EnumTypes)
        {
            _symbols.TryAdd(enumType.FullName, file);
        }
    }
}
