/**
 * Running the OS tools Gatefold leans on (ffmpeg, ffprobe) as child processes, one way for every
 * feature: music formats and previews ({@code media}), film packaging, trailers and probes
 * ({@code films}).
 *
 * <p>{@link gatefold.server.tools.ToolRun} takes an argument list (never a shell), closes stdin,
 * kills the process and everything it started when its time is up or the caller is interrupted,
 * and keeps output within fixed bounds ({@link gatefold.server.tools.ToolOutput}): a chatty or
 * hostile file cannot fill memory. Work that must not starve serving runs under {@code nice -n 10}
 * ({@link gatefold.server.tools.ToolRun#niced}).
 */
package gatefold.server.tools;
