// react-dom ships a web-streams server renderer that @types/react-dom does not declare separately.
declare module 'react-dom/server.browser' {
  export { renderToReadableStream } from 'react-dom/server';
}
