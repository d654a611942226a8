declare module 'xhr2' {
  /** XMLHttpRequest for Node (the lib has no DOM types here, so the class stays opaque). */
  const XMLHttpRequest: new () => unknown;
  export default XMLHttpRequest;
}
