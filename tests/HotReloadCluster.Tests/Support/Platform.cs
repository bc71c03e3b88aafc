// The suite drives real Linux file-system behaviour (inotify, links, FIFOs, modes, setpriv).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
