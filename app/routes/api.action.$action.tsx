/**
 * /api/action/{name}: the same CKAN action API as /api/3/action/{name}. ckanapi's RemoteCKAN and
 * the CKAN API guide's own examples call this path.
 */
export { action, loader } from './api.3.action.$action';
