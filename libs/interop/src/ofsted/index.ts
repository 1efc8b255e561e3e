export * from './ofsted-columns';
export * from './ofsted-row';
export * from './ofsted-list.parser';
export * from './ofsted-ids';
export * from './ofsted-commands';
