/**
 * What `help_show` answers for each supported action: a short description of its parameters in
 * the manner of CKAN's docstrings, so the `help` link of every response leads somewhere useful.
 */
export const CKAN_HELP: Record<string, string> = {
  help_show: 'Return the help string for an action.\n\n:param name: the action\'s name (e.g. "package_search")',
  datastore_info: 'Return a resource table\'s fields (with the data dictionary\'s labels and notes) and its number of records.\n\n:param resource_id: the resource\'s id',
  site_read: 'Return true: the site can be read.',
  current_package_list_with_resources: 'Return public datasets with their resources, most recently changed first.\n\n:param limit: page size (default 10, at most 1000)\n:param offset: skip this many',
  tag_list: 'Return the tags of public datasets.\n\n:param query: only tags starting with this\n:param all_fields: true for dictionaries instead of names',
  license_list: 'Return the licences datasets may carry, with their URLs.',
  status_show: 'Return the site\'s title and URL, the CKAN version it behaves as, and its extensions.',
  package_list: 'Return the names of the public datasets, ordered by name.\n\n:param limit: at most this many (default and cap 100000)\n:param offset: skip this many',
  package_show: 'Return a dataset (package) by name or id.\n\n:param id: the dataset\'s name or id',
  package_search:
    'Search public datasets.\n\n:param q: words in the title, description or tags ("*:*" for all)\n:param fq: filters: organization:<name>, groups:<theme>, tags:<tag>, res_format:<format>, license_id:<id>, access_level:open|conditional\n:param sort: "metadata_modified desc", "title asc", "metadata_created desc"\n:param rows: page size (default 10, at most 1000)\n:param start: offset',
  organization_list: 'Return the departments (organizations).\n\n:param all_fields: true for whole dictionaries with package_count\n:param sort: name, title or package_count with asc or desc (default name asc)\n:param limit, offset: paging',
  organization_show: 'Return a department (organization) by name or id.\n\n:param id: the organization\'s name or id\n:param include_datasets: true to add its public datasets (up to 1000)',
  resource_show: 'Return a resource by id. A resource of a dataset open on condition is described here; its rows need a grant.\n\n:param id: the resource\'s id',
  datastore_search:
    'Search a resource\'s table.\n\n:param resource_id: the resource\'s id\n:param filters: JSON object of field: value (or list of values)\n:param q: text to find in any field, or a JSON object of field: text\n:param fields: list of fields to return\n:param sort: "field asc|desc", comma-separated\n:param limit: page size (default 100, at most 32000)\n:param offset: skip this many\n:param distinct: true for distinct combinations of the fields\n:param include_total: false to leave out the total\n:param records_format: objects (default), lists, csv or tsv\n\nThe result\'s _links.next keeps every parameter, so following it pages through the query.',
  package_create: 'Create a draft dataset in the token owner\'s department (POST, API token).\n\n:param name: URL name (2-100 lower-case letters, digits, - and _)\n:param title, notes, license_id, tags, maintainer, maintainer_email, url, version, author, extras\n:param groups: themes, as [{"name": "transport"}] (see group_list)\n:param resources: link resources, each with url, name, format, description\n:param owner_org: the department\'s name (admins)\n:param access_level: open|conditional|closed; sharing: shared|conditional|not_shared (also as extras)',
  package_patch:
    'Change some fields of a dataset (POST, API token).\n\n:param id: the dataset\'s name or id\n:param private: false publishes (refused with the reason while personal information is unresolved), true takes it back to draft\n:param access_level, sharing, open_conditions, sharing_conditions: also as extras',
  package_update:
    'Replace a dataset\'s description (POST, API token): fields not given are emptied, and when resources is given the resources it does not list (by id) are removed. Access levels and publication stay unless given.\n\n:param id: the dataset\'s name or id\n:param title, notes, license_id, tags, maintainer, maintainer_email, private, access_level, sharing\n:param resources: the resources to keep, each with its id',
  package_delete: 'Retire a dataset (POST, API token): it leaves every public list and answers 404 to the public; its history is kept.\n\n:param id: the dataset\'s name or id',
  resource_delete: 'Remove a resource and its tables from a dataset (POST, API token).\n\n:param id: the resource\'s id',
  resource_create:
    'Upload a table to a dataset (POST multipart, API token), or register a link resource (POST JSON with url and no upload: listed and harvested as a link, never fetched nor imported).\n\n:param package_id: the dataset\'s name or id\n:param upload: the file (CSV, XLSX, JSON, GeoJSON)\n:param url: an http(s) address, for a link resource\n:param format: a link\'s format (e.g. API, HTML)\n:param name, description',
  resource_update:
    'Replace a resource\'s details (POST, API token): a description not given is emptied. With a new upload (multipart) the table is re-imported; the previous version is served until the new one succeeds, and stays if it fails.\n\n:param id: the resource\'s id\n:param name, description\n:param upload: a new file (tables only)\n:param url, format: a link resource\'s address and format',
  resource_patch: 'As resource_update, but only the fields given change.\n\n:param id: the resource\'s id',
  group_list: 'Return the themes (groups) datasets are filed under.\n\n:param all_fields: true for dictionaries with package_count\n:param sort: name, title or package_count with asc or desc\n:param limit, offset: paging',
  group_show: 'Return a theme (group).\n\n:param id: the group\'s name\n:param include_datasets: true to add its public datasets (up to 1000)',
};
