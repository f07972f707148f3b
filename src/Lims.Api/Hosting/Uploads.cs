using Lims.Application.Abstractions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Lims.Api.Hosting;

/// <summary>A file as uploaded: its name as the client gave it, and its bytes.</summary>
public sealed record UploadedFile(string Name, byte[] Content);

/// <summary>
/// Reading request bodies within a limit, for every endpoint and page that takes a document: over the limit is a 413 as
/// soon as it is known (the declared length, or the bytes read so far), never a body buffered whole first.
/// </summary>
public static class Uploads
{
    /// <summary>
    /// An uploaded file, sent as the raw body (its name in <c>Content-Disposition</c>, or <c>?fileName=</c>) or as the field
    /// <c>file</c> of a multipart form. A URL-encoded form cannot carry a file: 415.
    /// </summary>
    public static async Task<UploadedFile> ReadUploadedFileAsync(this HttpRequest request, long limit, string hint, CancellationToken cancellationToken)
    {
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
            throw new BadHttpRequestException("Send the file as application/octet-stream (e.g. curl --data-binary @FILE -H 'Content-Type: application/octet-stream') or as the field 'file' of a multipart/form-data form.", StatusCodes.Status415UnsupportedMediaType);
        if (!request.HasFormContentType)
        {
            var name = ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition)
                ? (disposition.FileNameStar.Value ?? disposition.FileName.Value ?? "").Trim('"')
                : request.Query["fileName"].ToString();
            return new UploadedFile(name, await request.ReadBodyAsync(limit, hint, cancellationToken));
        }
        // The form's own framing on top of the file: a little more than the file's limit.
        if (request.ContentLength > limit + 64 * 1024) throw TooLarge(limit, hint);
        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit }, cancellationToken);
        var file = form.Files.GetFile("file") ?? throw new RequestValidationException(new Dictionary<string, string[]> { ["file"] = ["Send the file in the form field 'file'."] });
        await using var stream = file.OpenReadStream();
        return new UploadedFile(file.FileName, await ReadAsync(request, stream, limit, hint, cancellationToken));
    }

    /// <summary>The whole body, refusing (413) as soon as it is over <paramref name="limit"/> bytes.</summary>
    public static Task<byte[]> ReadBodyAsync(this HttpRequest request, long limit, string hint, CancellationToken cancellationToken) =>
        ReadAsync(request, request.Body, limit, hint, cancellationToken);

    private static async Task<byte[]> ReadAsync(HttpRequest request, Stream body, long limit, string hint, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) throw TooLarge(limit, hint);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)Math.Min(length, limit) : 64 * 1024);
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge(limit, hint);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static BadHttpRequestException TooLarge(long limit, string hint) =>
        new($"The body is larger than the limit of {limit:N0} bytes; {hint}.", StatusCodes.Status413PayloadTooLarge);
}
