import { Descriptions, type DescriptionsProps } from 'antd';

/** antd's Descriptions as the admin screens lay it out: small, two columns from tablet width. */
export function Details(props: DescriptionsProps) {
  return <Descriptions column={{ xs: 1, md: 2 }} size="small" {...props} />;
}

Details.Item = Descriptions.Item;
